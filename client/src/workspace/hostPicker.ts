// The "+" of the tab strip: a small list of the user's hosts; choosing one opens it in a new tab.

import type { ApiClient } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import type { Host } from '../host';
import { t } from '../strings';

export class HostPicker {
  readonly button = h('button', { id: 'workspace-add', type: 'button', className: 'workspace-add', 'aria-haspopup': 'true', 'aria-expanded': 'false' }, '+');
  readonly element = h('div', { id: 'workspace-picker', className: 'workspace-picker', hidden: true });
  private readonly _filter = h('input', { id: 'workspace-picker-filter', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  private readonly _list = h('div', { className: 'workspace-picker-list' });
  private _hosts: Host[] = [];
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
    this._filter.addEventListener('input', () => this.renderList());
    document.addEventListener('pointerdown', (event) => {
      const target = event.target;
      if (!this.element.hidden && target instanceof Node && !this.element.contains(target) && !this.button.contains(target)) {
        this.close();
      }
    });
    this._filter.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.close();
      } else if (event.key === 'Enter') {
        const first = this.shown()[0];
        if (first !== undefined) {
          this.pick(first);
        }
      }
    });
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

  private openList(): void {
    this.element.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this._filter.value = '';
    this._filter.focus();
    replaceChildren(this._list, h('p', { className: 'muted' }, t('hostsLoading')));
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._api.hosts(abort.signal).then(
      (hosts) => {
        this._hosts = [...hosts].sort((a, b) => a.name.localeCompare(b.name));
        this.renderList();
      },
      (reason: unknown) => {
        if (!abort.signal.aborted && !(reason instanceof UnauthorizedError)) {
          replaceChildren(this._list, h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: reason instanceof Error ? reason.message : String(reason) })));
        }
      },
    );
  }

  private shown(): Host[] {
    const query = this._filter.value.trim().toLowerCase();
    return query === '' ? this._hosts : this._hosts.filter((host) => host.name.toLowerCase().includes(query) || host.address.toLowerCase().includes(query));
  }

  private renderList(): void {
    if (this.element.hidden) {
      return;
    }
    const hosts = this.shown();
    replaceChildren(this._list, ...(hosts.length === 0
      ? [h('p', { className: 'muted' }, t('pickerEmpty'))]
      : hosts.map((host) => {
        const item = h('button', { type: 'button', className: 'workspace-pick', 'data-host-id': host.id, 'data-host-name': host.name }, host.name);
        item.addEventListener('click', () => this.pick(host));
        return item;
      })));
  }

  private pick(host: Host): void {
    this.close();
    this._choose(host);
  }
}
