// How many rows a host list renders at most (the Hosts page and Admin -> Hosts; issue 14): an inventory of 100,000
// hosts rendered whole froze the page, and a spread of that many rows overflowed the call stack and left the list
// empty. Policy past the bound: the first rows, a line saying how many of how many, and the filter to find the rest.

import { formatNumber } from './serverText';
import { t } from './strings';

export const maxListedHosts = 500;

/** The line under a list cut at the bound: "Showing the first 500 of 100,000 hosts", hidden when nothing was cut. */
export function showListedOf(line: HTMLElement, listed: number, total: number): void {
  line.hidden = listed >= total;
  line.textContent = line.hidden ? '' : t('hostsListedOf', { listed: formatNumber(listed), count: formatNumber(total) });
}
