// The "+" of the tab strip: the user's hosts in the same order as the hosts page and the Ctrl+K palette (issue 14):
// favourites, then recent hosts, then the rest by name a page at a time, each under its heading. Typing asks the
// server (name, address, login, labels); ↑/↓ move the choice, Enter opens it in a new tab, Esc closes and gives the
// focus back to "+".

import type { ApiClient } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import type { Host } from '../host';
import { HostPager, showListedOf, showMoreButton } from '../listLimit';
import { problemText } from '../serverText';
import { t } from '../strings';
import { handleListBoxKey, markActiveOption } from './listBox';
import { loadShortcuts, noShortcuts, sectionHosts, type HostSection, type Shortcuts } from './shortcuts';

const sectionLabels = { favourites: 'sectionFavourites', recent: 'sectionRecent', all: 'sectionAllHosts' } as const satisfies Record<HostSection, string>;

export class HostPicker {
  readonly button = h('button', { id: 'workspace-add', type: 'button', className: 'workspace-add', 'aria-haspopup': 'true', 'aria-expanded': 'false' }, '+');
  readonly element = h('div', { id: 'workspace-picker', className: 'workspace-picker', hidden: true });
  private readonly _filter = h('input', { id: 'workspace-picker-filter', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  private readonly _list = h('div', { className: 'workspace-picker-list' });
  private readonly _listed = h('p', { id: 'workspace-picker-listed', className: 'muted small', hidden: true });
  private _shortcuts: Shortcuts = noShortcuts;
  private _loaded = false;
  private _shown: Host[] = [];
  private _active = 0;
  // Enter was pressed while the list did not yet answer what was typed: the answer's active row is chosen when it
  // arrives (the old, unfiltered list's first row was another host).
  private _chooseOnAnswer = false;
  private _abort: AbortController | null = null;
  private readonly _pager: HostPager;
  private readonly _more: HTMLButtonElement;

  constructor(
    private readonly _api: ApiClient,
    private readonly _choose: (host: Host) => void,
  ) {
    this._pager = new HostPager(_api, () => ({ q: this._filter.value }), () => this.renderList(), (reason) => this.failed(reason));
    this._more = showMoreButton('workspace-picker-more', this._pager);
    this._more.addEventListener('pointerdown', (event) => event.preventDefault()); // keep focus in the filter
    this.element.append(this._filter, this._list, this._listed, this._more);
    this.retranslate();
    this.button.addEventListener('click', () => {
      if (this.element.hidden) {
        this.openList();
      } else {
        this.close();
      }
    });
    this._filter.addEventListener('input', () => {
      this._active = 0;
      this._pager.searchSoon();
    });
    document.addEventListener('pointerdown', (event) => {
      const target = event.target;
      if (!this.element.hidden && target instanceof Node && !this.element.contains(target) && !this.button.contains(target)) {
        this.close();
      }
    });
    this._filter.addEventListener('keydown', (event) => this.onKey(event));
  }

  close(): void {
    this._abort?.abort();
    this._abort = null;
    this._pager.stop();
    this._chooseOnAnswer = false;
    this.element.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  retranslate(): void {
    this._filter.placeholder = t('pickerFilter');
    this._filter.setAttribute('aria-label', t('pickerFilter'));
    this.renderList();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (!this._loaded || this._pager.pending)) {
      event.preventDefault();
      this._chooseOnAnswer = true;
      this._pager.flush();
      return;
    }
    handleListBoxKey(event, this._active, this._shown, {
      move: (active) => {
        this._active = active;
        this.markActive();
      },
      choose: (host) => this.pick(host),
      close: () => {
        this.close();
        this.button.focus();
      },
    });
  }

  private openList(): void {
    this.element.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this._filter.value = '';
    this._active = 0;
    this._chooseOnAnswer = false;
    this._filter.focus();
    replaceChildren(this._list, h('p', { className: 'muted' }, t('hostsLoading')));
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._loaded = false;
    this._more.hidden = true;
    this._listed.hidden = true;
    this._pager.search();
    loadShortcuts(this._api, abort.signal).then(
      (shortcuts) => {
        this._shortcuts = shortcuts;
        this._loaded = true;
        this.renderList();
      },
      (reason: unknown) => {
        if (!abort.signal.aborted) {
          this.failed(reason);
        }
      },
    );
  }

  private failed(reason: unknown): void {
    this._chooseOnAnswer = false;
    if (!this.element.hidden && !(reason instanceof UnauthorizedError)) {
      replaceChildren(this._list, h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: problemText(reason) })));
    }
  }

  private renderList(): void {
    const { hosts, total, more, loading } = this._pager.state;
    if (this.element.hidden || !this._loaded || loading) {
      return; // "loading" stays, or the old list until the new search's answer
    }
    const query = this._filter.value.trim().toLowerCase();
    const items: HTMLElement[] = [];
    this._shown = [];
    for (const group of sectionHosts(hosts, this._shortcuts, query)) {
      items.push(h('p', { className: 'workspace-pick-group', 'data-section': group.section }, t(sectionLabels[group.section])));
      for (const host of group.hosts) {
        this._shown.push(host);
        const item = h('button', { type: 'button', className: 'workspace-pick', 'data-host-id': host.id, 'data-host-name': host.name, 'data-section': group.section }, host.name);
        item.addEventListener('click', () => this.pick(host));
        items.push(item);
      }
    }
    replaceChildren(this._list, ...(this._shown.length === 0 ? [h('p', { className: 'muted' }, t('pickerEmpty'))] : items));
    showListedOf(this._listed, hosts.length, total);
    this._more.hidden = !more;
    this._active = Math.min(this._active, Math.max(0, this._shown.length - 1));
    this.markActive();
    if (this._chooseOnAnswer) {
      this._chooseOnAnswer = false;
      const host = this._shown[this._active];
      if (host !== undefined) {
        this.pick(host);
      }
    }
  }

  /** The active choice is marked on the list (the focus stays in the filter, so typing goes on narrowing). */
  private markActive(): void {
    markActiveOption(this._list.querySelectorAll<HTMLElement>('.workspace-pick'), this._active, 'aria-current');
  }

  private pick(host: Host): void {
    this.close();
    this._choose(host);
  }
}
