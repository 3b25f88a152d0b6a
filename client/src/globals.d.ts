import type { Terminal } from '@xterm/xterm';

declare global {
  interface Window {
    /** Test hook: the xterm.js terminal of the shown workspace tab (read `bastionTerminal.buffer.active`). */
    bastionTerminal?: Terminal;
    /** Test hook: every `success` text of the shown workspace tab, last 1 MiB (UTF-16 units). */
    readonly bastionOutput?: string;
  }
}

export {};
