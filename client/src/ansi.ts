// Text the page itself writes into the terminal (errors, "connection closed").

export const red = (text: string): string => `\x1b[31m${text}\x1b[0m`;
export const yellow = (text: string): string => `\x1b[33m${text}\x1b[0m`;
export const dim = (text: string): string => `\x1b[2m${text}\x1b[0m`;

/** Server text shown by the page must not carry escape sequences of its own; newlines become CRLF. */
export function sanitize(text: string): string {
  return text.replace(/\r?\n/g, '\r\n').replace(/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, '');
}

/** One line of page text: starts on a fresh line if the cursor is mid-line, ends with CRLF. */
export function pageLine(text: string, cursorX: number): string {
  return `${cursorX === 0 ? '' : '\r\n'}${text}\r\n`;
}
