// How many rows a host list renders at most (the Hosts page and Admin -> Hosts; issue 14): an inventory of 100,000
// hosts rendered whole froze the page, and a spread of that many rows overflowed the call stack and left the list
// empty. Policy past the bound: the first rows, a line saying how many of how many, and the filter to find the rest.

import { getLanguage } from './strings';

export const maxListedHosts = 500;

/** A count in the page's language (100,000 / 100,000). */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(getLanguage()).format(value);
}
