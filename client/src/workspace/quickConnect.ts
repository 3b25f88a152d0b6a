// Quick connect (issue 14): Ctrl+K or Cmd+K opens a palette over any signed-in page that filters the user's hosts by
// name, label and address, favourites and recent hosts first. ↑/↓ move, Enter opens a terminal tab on the chosen
// host, Esc closes and gives focus back. Inside a terminal, plain Ctrl+K stays the shell's (kill to end of line in
// readline and emacs); Cmd+K opens the palette from there too.

import './quickConnect.css';
import type { ApiClient } from '../api';
import { h, replaceChildren } from '../dom';
import type { Host } from '../host';
import { HostPager, showListedOf, showMoreButton } from '../listLimit';
import { problemText } from '../serverText';
import { t } from '../strings';
import { handleListBoxKey, markActiveOption } from './listBox';
import { loadShortcuts, noShortcuts, sectionHosts, type HostSection, type Shortcuts } from './shortcuts';

const sectionLabels = { favourites: 'sectionFavourites', recent: 'sectionRecent', all: 'sectionAllHosts' } as const satisfies Record<HostSection, string>;

export interface QuickConnectOptions {
  readonly api: ApiClient;
  readonly signedIn: () => boolean;
  readonly open: (host: Host) => void;
  /** Whether the user is an admin: with no hosts at all, an admin is pointed to Admin → Hosts, others to an admin. */
  readonly isAdmin?: () => boolean;
}

export class QuickConnect {
  readonly element = h('div', { id: 'quick-connect', className: 'qc-backdrop', hidden: true });
  private readonly _input = h('input', {
    id: 'quick-connect-input',
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'true',
    'aria-controls': 'quick-connect-list',
  });
  private readonly _list = h('ul', { id: 'quick-connect-list', className: 'qc-list', role: 'listbox' });
  private readonly _title = h('h2', { id: 'quick-connect-title', className: 'qc-title' });
  private readonly _hint = h('p', { className: 'qc-hint muted small' });
  private readonly _dialog = h('div', { className: 'qc-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'quick-connect-title' });
  private readonly _listed = h('p', { id: 'quick-connect-listed', className: 'qc-listed muted small', hidden: true });
  private _shortcuts: Shortcuts = noShortcuts;
  private _shown: Host[] = [];
  private _active = 0;
  // Enter was pressed while the list did not yet answer what was typed: the answer's active row is chosen when it
  // arrives (the old, unfiltered list's first row was another host).
  private _chooseOnAnswer = false;
  private _abort: AbortController | null = null;
  private _loaded = false;
  private _returnFocus: HTMLElement | null = null;
  // The hosts a page at a time, as the user types (issue 14: the palette loaded every host each time it opened).
  private readonly _pager: HostPager;
  private readonly _more: HTMLButtonElement;

  constructor(private readonly _options: QuickConnectOptions) {
    this._pager = new HostPager(_options.api, () => ({ q: this._input.value }), () => this.render(), (reason) => this.failed(reason));
    this._more = showMoreButton('quick-connect-more', this._pager);
    this._more.addEventListener('pointerdown', (event) => event.preventDefault()); // keep focus in the input
    this._dialog.append(this._title, this._input, this._list, this._listed, this._more, this._hint);
    this.element.append(this._dialog);
    this.retranslate();
    this._input.addEventListener('input', () => {
      this._active = 0;
      this._pager.searchSoon();
    });
    this._input.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('pointerdown', (event) => {
      if (event.target === this.element) {
        this.close();
      }
    });
    // Focus stays in the dialog while it is open (aria-modal): Tab would otherwise leave it for the page behind.
    this._dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Tab') {
        event.preventDefault();
        this._input.focus();
      }
    });
  }

  /** Listens for Ctrl+K / Cmd+K on the whole document (capture, so page handlers do not see the chord). */
  install(doc: Document): void {
    doc.body.append(this.element);
    doc.addEventListener(
      'keydown',
      (event) => {
        if (!isPaletteChord(event, event.target)) {
          return;
        }
        if (!this._options.signedIn()) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        if (this.isOpen) {
          this.close();
        } else {
          this.show();
        }
      },
      true,
    );
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  retranslate(): void {
    this._title.textContent = t('quickConnectTitle');
    this._input.placeholder = t('quickConnectPlaceholder');
    this._input.setAttribute('aria-label', t('quickConnectPlaceholder'));
    this._hint.textContent = t('quickConnectHint');
    this.render();
  }

  show(): void {
    this._returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.element.hidden = false;
    this._input.value = '';
    this._active = 0;
    this._chooseOnAnswer = false;
    this._input.focus();
    this._loaded = false;
    replaceChildren(this._list, h('li', { className: 'qc-empty muted', role: 'presentation' }, t('hostsLoading')));
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._shortcuts = noShortcuts;
    this._more.hidden = true;
    this._listed.hidden = true;
    this._pager.search();
    loadShortcuts(this._options.api, abort.signal).then(
      (shortcuts) => {
        this._shortcuts = shortcuts;
        this._loaded = true;
        this.render();
      },
      (reason: unknown) => this.failed(reason),
    );
  }

  private failed(reason: unknown): void {
    this._chooseOnAnswer = false;
    if (this.isOpen && this._abort?.signal.aborted !== true) {
      replaceChildren(this._list, h('li', { className: 'form-error', role: 'presentation' }, t('hostsLoadFailed', { error: problemText(reason) })));
    }
  }

  close(): void {
    if (!this.isOpen) {
      return;
    }
    this._abort?.abort();
    this._abort = null;
    this._pager.stop();
    this._chooseOnAnswer = false;
    this.element.hidden = true;
    const back = this._returnFocus;
    this._returnFocus = null;
    if (back !== null && back.isConnected) {
      back.focus();
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (!this._loaded || this._pager.pending)) {
      event.preventDefault();
      this._chooseOnAnswer = true;
      this._pager.flush();
      return;
    }
    handleListBoxKey(
      event,
      this._active,
      this._shown,
      {
        move: (active) => {
          this._active = active;
          this.markActive();
        },
        choose: (host) => this.pick(host),
        close: () => this.close(),
      },
      { ctrlHomeEnd: true },
    );
  }

  private render(): void {
    const { hosts, total, more, loading } = this._pager.state;
    if (!this.isOpen || (this._loaded && loading)) {
      return; // a new search keeps the old list until its answer arrives
    }
    const query = this._input.value.trim().toLowerCase();
    const groups = this._loaded ? sectionHosts(hosts, this._shortcuts, query) : [];
    const items: HTMLElement[] = [];
    this._shown = [];
    for (const group of groups) {
      items.push(h('li', { className: 'qc-group', role: 'presentation' }, t(sectionLabels[group.section])));
      for (const host of group.hosts) {
        const index = this._shown.length;
        this._shown.push(host);
        const option = h(
          'li',
          { id: `quick-connect-option-${index}`, className: 'qc-option', role: 'option', 'aria-selected': 'false', 'data-host-id': host.id, 'data-host-name': host.name, 'data-section': group.section },
          h('span', { className: 'qc-name' }, host.name),
          h('span', { className: 'qc-address muted' }, `${host.username === '' ? '' : `${host.username}@`}${host.address}:${host.port}`),
          ...Object.entries(host.labels).slice(0, 4).map(([k, v]) => h('span', { className: 'qc-label' }, `${k}=${v}`)),
        );
        option.addEventListener('pointerdown', (event) => event.preventDefault()); // keep focus in the input
        option.addEventListener('click', () => this.pick(host));
        items.push(option);
      }
    }
    if (this._shown.length === 0) {
      items.push(h('li', { id: 'quick-connect-empty', className: 'qc-empty muted', role: 'presentation' }, ...this.emptyWords()));
    }
    replaceChildren(this._list, ...items);
    showListedOf(this._listed, this._loaded ? hosts.length : 0, this._loaded ? total : 0);
    this._more.hidden = !this._loaded || !more;
    this._active = Math.min(this._active, Math.max(0, this._shown.length - 1));
    this.markActive();
    if (this._chooseOnAnswer && this._loaded && !loading) {
      this._chooseOnAnswer = false;
      const host = this._shown[this._active];
      if (host !== undefined) {
        this.pick(host);
      }
    }
  }

  /** Why the list is empty, and what to do: still loading; no host at all (an admin adds some, others ask one); or
   * nothing matches what was typed. */
  private emptyWords(): (string | HTMLElement)[] {
    if (!this._loaded || this._pager.state.loading) {
      return [t('hostsLoading')];
    }
    if (this._pager.state.total > 0 || this._input.value.trim() !== '') {
      return [t('quickConnectEmpty')];
    }
    if (this._options.isAdmin?.() !== true) {
      return [t('hostsEmpty')];
    }
    const link = h('a', { id: 'quick-connect-empty-admin', href: '#/admin/hosts' }, t('hostsEmptyAdminLink'));
    link.addEventListener('click', () => {
      this._returnFocus = null;
      this.close();
    });
    return [t('hostsEmptyAdmin'), ' ', link];
  }

  private markActive(): void {
    const active = markActiveOption(this._list.querySelectorAll<HTMLElement>('.qc-option'), this._active, 'aria-selected');
    if (active === undefined) {
      this._input.removeAttribute('aria-activedescendant');
    } else {
      this._input.setAttribute('aria-activedescendant', active.id);
    }
  }

  private pick(host: Host): void {
    this._returnFocus = null; // the terminal tab takes the focus
    this.close();
    this._options.open(host);
  }
}

/** Ctrl+K or Cmd+K, except plain Ctrl+K typed into a terminal (the shell's own key). */
export function isPaletteChord(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, target: EventTarget | null): boolean {
  if (event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey) || (event.code !== 'KeyK' && event.key.toLowerCase() !== 'k')) {
    return false;
  }
  const inTerminal = typeof Element !== 'undefined' && target instanceof Element && target.closest('.xterm') !== null;
  return event.metaKey || !inTerminal;
}
