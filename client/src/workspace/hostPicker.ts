// The "+" of the tab strip: the user's hosts in the same order as the hosts page and the Ctrl+K palette (issue 14):
// favourites, then recent hosts, then the rest by name, each under its heading. Typing filters by name, address,
// login and labels; ↑/↓ move the choice, Enter opens it in a new tab, Esc closes and gives the focus back to "+".

import type { ApiClient } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import type { Host } from '../host';
import { problemText } from '../serverText';
import { t } from '../strings';
import { handleListBoxKey, markActiveOption } from './listBox';
import { hostMatches, loadShortcuts, noShortcuts, sectionHosts, type HostSection, type Shortcuts } from './shortcuts';

const sectionLabels = { favourites: 'sectionFavourites', recent: 'sectionRecent', all: 'sectionAllHosts' } as const satisfies Record<HostSection, string>;

/** At most this many hosts are listed; typing narrows the rest (as in the palette). */
const maxPicks = 200;

export class HostPicker {
  readonly button = h('button', { id: 'workspace-add', type: 'button', className: 'workspace-add', 'aria-haspopup': 'true', 'aria-expanded': 'false' }, '+');
  readonly element = h('div', { id: 'workspace-picker', className: 'workspace-picker', hidden: true });
  private readonly _filter = h('input', { id: 'workspace-picker-filter', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  private readonly _list = h('div', { className: 'workspace-picker-list' });
  private _hosts: Host[] = [];
  private _shortcuts: Shortcuts = noShortcuts;
  private _shown: Host[] = [];
  private _active = 0;
  private _abort: AbortController | null = null;

  constructor(
    private readonly _api: ApiClient,
    private readonly _choose: (host: Host) => void,
  ) {
    this.element.append(this._filter, this._list);
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
      this.renderList();
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
    this.element.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  retranslate(): void {
    this._filter.placeholder = t('pickerFilter');
    this._filter.setAttribute('aria-label', t('pickerFilter'));
    this.renderList();
  }

  private onKey(event: KeyboardEvent): void {
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
    this._filter.focus();
    replaceChildren(this._list, h('p', { className: 'muted' }, t('hostsLoading')));
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    Promise.all([this._api.hosts(abort.signal), loadShortcuts(this._api, abort.signal)]).then(
      ([hosts, shortcuts]) => {
        this._hosts = hosts;
        this._shortcuts = shortcuts;
        this.renderList();
      },
      (reason: unknown) => {
        if (!abort.signal.aborted && !(reason instanceof UnauthorizedError)) {
          replaceChildren(this._list, h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: problemText(reason) })));
        }
      },
    );
  }

  private renderList(): void {
    if (this.element.hidden) {
      return;
    }
    const query = this._filter.value.trim().toLowerCase();
    const items: HTMLElement[] = [];
    this._shown = [];
    for (const group of sectionHosts(this._hosts.filter((host) => hostMatches(host, query)), this._shortcuts)) {
      if (this._shown.length >= maxPicks) {
        break;
      }
      items.push(h('p', { className: 'workspace-pick-group', 'data-section': group.section }, t(sectionLabels[group.section])));
      for (const host of group.hosts.slice(0, maxPicks - this._shown.length)) {
        this._shown.push(host);
        const item = h('button', { type: 'button', className: 'workspace-pick', 'data-host-id': host.id, 'data-host-name': host.name, 'data-section': group.section }, host.name);
        item.addEventListener('click', () => this.pick(host));
        items.push(item);
      }
    }
    replaceChildren(this._list, ...(this._shown.length === 0 ? [h('p', { className: 'muted' }, t('pickerEmpty'))] : items));
    this._active = Math.min(this._active, Math.max(0, this._shown.length - 1));
    this.markActive();
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
