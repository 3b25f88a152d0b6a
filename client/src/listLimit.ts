// Host lists a page at a time (issue 14): after a 100,000-host import every list loaded every host (5 to 21 s a page)
// and rendered the first 500. Now each list asks the server for one page as the user types (debounced), says
// "Showing N of M" from the server's total, and offers the next page with "Show more". Policy at the bound: a page is
// at most hostPageSize rows; the list keeps what it has shown until the filter changes.

import type { ApiClient, HostPage, HostPageQuery } from './api';
import { h } from './dom';
import type { Host } from './host';
import { formatNumber } from './serverText';
import { t } from './strings';

/** Rows asked for per page (the server's default; its maximum is 500). */
export const hostPageSize = 100;

/** How long typing must pause before the list asks the server. */
export const searchDelayMs = 250;

/** The line under a list: "Showing 100 of 100,000 hosts", hidden when every matching host is listed. */
export function showListedOf(line: HTMLElement, listed: number, total: number): void {
  line.hidden = listed >= total;
  line.textContent = line.hidden ? '' : t('hostsListedOf', { listed: formatNumber(listed), count: formatNumber(total) });
}

/** A "Show more" button that asks for the next page; hidden by the pager on the last page. */
export function showMoreButton(id: string, pager: HostPager): HTMLButtonElement {
  const more = h('button', { type: 'button', id, className: 'button ghost small show-more', hidden: true }, t('showMoreHosts'));
  more.addEventListener('click', () => pager.more());
  return more;
}

/** What a list shows: the hosts loaded so far (pages in order), how many match in all, whether more can be asked. */
export interface HostListState {
  readonly hosts: readonly Host[];
  readonly total: number;
  readonly more: boolean;
  /** True while the first page of a new search is on its way. */
  readonly loading: boolean;
}

/** One list's pages of `GET /api/hosts`: a new search drops the old pages and cancels a request still on its way. */
export class HostPager {
  private _hosts: Host[] = [];
  private _total = 0;
  private _next: string | null = null;
  private _loading = true;
  private _abort: AbortController | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly _api: ApiClient,
    private readonly _query: () => HostPageQuery,
    private readonly _show: (state: HostListState) => void,
    private readonly _fail: (reason: unknown) => void,
  ) {}

  get state(): HostListState {
    return { hosts: this._hosts, total: this._total, more: this._next !== null, loading: this._loading };
  }

  /** Whether the list may not answer what is in the field yet: a search waits for typing to pause or is on its way. */
  get pending(): boolean {
    return this._timer !== undefined || this._loading;
  }

  /** A new search now (the first load, a choice in a select). */
  search(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    this._loading = true;
    this.fetch(undefined, (page) => {
      this._hosts = page.hosts;
      this._total = page.total;
    });
  }

  /** A new search once typing pauses. */
  searchSoon(): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this.search(), searchDelayMs);
  }

  /** The search that waits for typing to pause, now (Enter was pressed); nothing when none waits. */
  flush(): void {
    if (this._timer !== undefined) {
      this.search();
    }
  }

  /** The next page, appended. */
  more(): void {
    const after = this._next;
    if (after === null || this._loading) {
      return;
    }
    this.fetch(after, (page) => {
      this._hosts = [...this._hosts, ...page.hosts];
      this._total = page.total;
    });
  }

  stop(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    this._abort?.abort();
    this._abort = null;
  }

  private fetch(after: string | undefined, take: (page: HostPage) => void): void {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    const query: HostPageQuery = { limit: hostPageSize, ...this._query(), ...(after === undefined ? {} : { after }) };
    this._api.hostPage(query, abort.signal).then(
      (page) => {
        if (abort.signal.aborted) {
          return;
        }
        take(page);
        this._next = page.next;
        this._loading = false;
        this._show(this.state);
      },
      (reason: unknown) => {
        if (!abort.signal.aborted) {
          this._loading = false;
          this._fail(reason);
        }
      },
    );
  }
}
