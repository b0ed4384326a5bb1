export function bankCodeId(root: string): string;
