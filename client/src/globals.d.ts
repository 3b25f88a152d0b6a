import type { Terminal } from '@xterm/xterm';

declare global {
  interface Window {
    /** Test hook: the live xterm.js terminal of the terminal page (read `bastionTerminal.buffer.active`). */
    bastionTerminal?: Terminal;
    /** Test hook: every `success` text received on the terminal page, last 1 MiB (UTF-16 units). */
    readonly bastionOutput?: string;
  }
}

export {};
