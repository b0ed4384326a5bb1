export function generateBank(dir: string, opts: { modules?: number; perModule: number; cardsPerModule?: number; singleOnly?: boolean }): void;
