// The WebGL renderer where the browser has it (issue 14), else xterm's DOM renderer: WebGL draws a busy terminal at a
// fraction of the DOM's cost, but a GPU process can lose the context at any time (driver reset, too many contexts);
// then the addon is disposed and xterm draws with the DOM again. `data-renderer` on the pane says which is in use.

import { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';

/** Loads the WebGL renderer into the opened `terminal`, falling back to the DOM renderer; returns the cleanup. */
export function loadRenderer(terminal: Terminal, pane: HTMLElement): () => void {
  let addon: WebglAddon | null = null;
  const fallBack = (): void => {
    pane.dataset['renderer'] = 'dom';
    const lost = addon;
    addon = null;
    lost?.dispose();
  };
  try {
    addon = new WebglAddon();
    addon.onContextLoss(fallBack);
    terminal.loadAddon(addon);
    pane.dataset['renderer'] = 'webgl';
  } catch {
    // No WebGL2 (a headless or blocklisted GPU): the DOM renderer xterm started with stays.
    fallBack();
  }
  return () => addon?.dispose();
}
