// Text the page itself writes into the terminal (errors, "connection closed").

export const red = (text: string): string => `\x1b[31m${text}\x1b[0m`;
export const yellow = (text: string): string => `\x1b[33m${text}\x1b[0m`;
export const dim = (text: string): string => `\x1b[2m${text}\x1b[0m`;

/** Server text shown by the page must not carry escape sequences of its own; newlines become CRLF. */
export function sanitize(text: string): string {
  // Every C0/C1 control (Unicode category Cc: U+0000-001F, U+007F-009F) except the CR and LF of the line ends.
  return text.replace(/\r?\n/g, '\r\n').replace(/(?![\r\n])\p{Cc}/gu, '');
}

/** One line of page text: starts on a fresh line if the cursor is mid-line, ends with CRLF. */
export function pageLine(text: string, cursorX: number): string {
  return `${cursorX === 0 ? '' : '\r\n'}${text}\r\n`;
}
