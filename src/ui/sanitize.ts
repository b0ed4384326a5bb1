/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/**
 * The one cleaner for untrusted text (a bank, a record file, a path, the
 * database) on its way to a terminal. A terminal obeys escape sequences in
 * anything it is sent: OSC 52 writes the clipboard, OSC 0 sets the window
 * title, CSI moves the cursor over a choice already shown. So every control
 * character goes, not only ESC: C0 except newline and tab, DEL, C1 (which
 * some terminals read as ESC + a letter), and the invisible characters that
 * reorder or hide text (bidi overrides and isolates, zero-width characters).
 */

// A whole escape sequence first (so its parameters do not stay behind as text), then any lone control character.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|[ -/]*[0-~]?)/g;
const C1_SEQUENCE = /[\u009b][0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u009c)?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** Untrusted text made safe to print: escape sequences and control characters removed; newlines and tabs kept. */
export function sanitize(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(CONTROL, '');
}

/** Untrusted text for one line (a path, an id, a name): as sanitize, and newlines and tabs shown as spaces. */
export function sanitizeLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(/[\r\n\t]/g, ' ').replace(CONTROL_OR_NEWLINE, '');
}

/** Whether text holds anything sanitize would remove (bank check reports such text as an error). */
export function hasUnsafeCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}
