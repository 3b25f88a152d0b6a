// Terminal copy/paste keys. Plain Ctrl+C/Ctrl+V belong to the shell (SIGINT, literal next), so copy and paste
// use the usual Linux terminal chords. Paste is left to the browser: its `paste` event reaches xterm's textarea,
// and xterm turns it into `onData` (bracketed paste included).

export type ClipboardAction = 'copy' | 'paste';

export interface KeyChord {
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly code: string;
}

export function clipboardAction(event: KeyChord): ClipboardAction | null {
  if (event.altKey || event.metaKey) {
    return null;
  }
  if (event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
    return 'copy';
  }
  if (event.ctrlKey && event.shiftKey && event.code === 'KeyV') {
    return 'paste';
  }
  if (event.ctrlKey && !event.shiftKey && event.code === 'Insert') {
    return 'copy';
  }
  if (!event.ctrlKey && event.shiftKey && event.code === 'Insert') {
    return 'paste';
  }
  return null;
}

/** Copies `text` to the clipboard; falls back to a `copy` command, which xterm answers with its selection. */
export function copyText(text: string): void {
  const fallback = (): void => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy there is where the Clipboard API is missing
    document.execCommand('copy');
  };
  // lib.dom declares it always present, but browsers leave it undefined outside secure contexts (plain http).
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (clipboard !== undefined) {
    clipboard.writeText(text).catch(fallback);
  } else {
    fallback();
  }
}
