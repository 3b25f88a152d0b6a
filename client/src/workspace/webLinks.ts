// Links in terminal output (issue 14): only http and https open, in a new window without an opener or a referrer, so
// a host cannot make the page run `javascript:` or open `file:`/custom-scheme URLs by printing them.

import { WebLinksAddon } from '@xterm/addon-web-links';

/** `uri` is an absolute http or https URL. */
export function isWebLink(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function openWebLink(uri: string): void {
  if (isWebLink(uri)) {
    window.open(uri, '_blank', 'noopener,noreferrer');
  }
}

/** The web-links addon, matching only `http://` and `https://` and opening through {@link openWebLink}. */
export function webLinksAddon(): WebLinksAddon {
  return new WebLinksAddon((event, uri) => {
    event.preventDefault();
    openWebLink(uri);
  });
}
