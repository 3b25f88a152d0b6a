// The terminal workspace: one element, mounted once for the life of the page, holding every open terminal as a tab.
// Other pages show over it while it is hidden, so navigating inside the app and switching the language never touch a
// live session; the tabs (session ids and hosts) are saved in sessionStorage so a reload re-attaches each one.

import type { ApiClient } from '../api';
import { h, replaceChildren } from '../dom';
import { statusState, statusText } from '../linkWords';
import { t, type Language } from '../strings';
import { maxTabs, type StoredTab, type TabStore } from '../tabStore';
import { askClose } from './closeDialog';
import { FilePanel } from './files/filePanel';
import { HostPicker } from './hostPicker';
import { StatusBar } from './statusBar';
import { TerminalTab } from './terminalTab';
import { WorkspaceTools } from './workspaceTools';

export interface WorkspaceOptions {
  readonly api: ApiClient;
  readonly store: TabStore;
  readonly switchLanguage: (language: Language) => void;
}

export class Workspace {
  readonly element: HTMLDivElement;
  private readonly _api: ApiClient;
  private readonly _store: TabStore;
  private readonly _bar: StatusBar;
  private readonly _strip = h('div', { id: 'workspace-tabs', className: 'workspace-tabs', role: 'tablist' });
  private readonly _panes = h('div', { id: 'terminal', className: 'workspace-panes' });
  private readonly _empty = h('p', { id: 'workspace-empty', className: 'workspace-empty' });
  private readonly _picker: HostPicker;
  private readonly _files: FilePanel;
  private readonly _filesToggle = h('button', { id: 'workspace-files', type: 'button', className: 'workspace-files-toggle', 'aria-pressed': 'false' });
  private readonly _tools: WorkspaceTools;
  private _tabs: TerminalTab[] = [];
  private _active: TerminalTab | null = null;
  private _user: string | null = null;
  private _shown = false;
  private _nextKey = 1;

  constructor(options: WorkspaceOptions) {
    this._api = options.api;
    this._store = options.store;
    this._picker = new HostPicker(options.api, (host) => this.open(host.id, host.name));
    this._bar = new StatusBar(options.switchLanguage, () => {
      this._active?.restart();
      this._active?.focus();
    });
    this.element = h('div', { id: 'workspace', className: 'workspace', 'data-shown': 'false' });
    this._tools = new WorkspaceTools(options.api, this.element, () => this._active);
    const tools = this._tools;
    this.element.append(this._bar.element,
      h('div', { className: 'workspace-strip' }, this._strip, this._picker.button, this._filesToggle, tools.search, tools.keysToggle, tools.settingsButton, this._picker.element),
      this._panes, tools.keys.element);
    this._files = new FilePanel(options.api);
    this._filesToggle.addEventListener('click', () => {
      if (this._files.shown) {
        this._files.hide();
      } else {
        this._files.show(this._active?.sessionId ?? null);
      }
      this._filesToggle.setAttribute('aria-pressed', String(this._files.shown));
    });
    this._panes.append(this._empty, this._files.element);
    Object.defineProperty(window, 'bastionTerminal', { configurable: true, enumerable: true, get: () => this._active?.terminal });
    Object.defineProperty(window, 'bastionOutput', { configurable: true, enumerable: true, get: () => this._active?.mirror.text ?? '' });
    this.render();
  }

  get shown(): boolean {
    return this._shown;
  }

  /** Any tab holds a shell on the server (leaving the page asks first). */
  get hasLive(): boolean {
    return this._tabs.some((tab) => tab.isLive);
  }

  /** The signed-in user: on a change (or the first call) the tabs become that user's saved ones, re-attached. */
  setUser(user: string): void {
    if (this._user === user) {
      return;
    }
    this.detachAll();
    this._user = user;
    void this._tools.settings.load();
    const saved = this._store.load(user);
    for (const tab of saved.tabs) {
      this.addTab(tab);
    }
    this.activate(this._tabs.find((tab) => tab.key === saved.active) ?? this._tabs[0] ?? null);
    this.fillHostNames();
  }

  /** Logging out: every tab lets go of its session (they stay re-attachable from Sessions) and nothing is remembered. */
  reset(): void {
    this.detachAll();
    this._user = null;
    this._store.clear();
    this._tools.settings.reset();
    this.render();
  }

  /** A new tab with a fresh session on `hostId`. */
  open(hostId: string, hostName?: string): void {
    if (this._tabs.length >= maxTabs) {
      window.alert(t('tooManyTabs', { max: maxTabs }));
      return;
    }
    const tab = this.addTab({ key: this.newKey(), hostId, hostName: hostName ?? hostId, sessionId: null });
    this.activate(tab);
    if (hostName === undefined) {
      this.fillHostNames();
    }
  }

  /** The tab of a running session: the one that holds it already, or a new tab that attaches to it. */
  attach(sessionId: string, hostId: string, hostName: string): void {
    const existing = this._tabs.find((tab) => tab.sessionId === sessionId);
    if (existing !== undefined) {
      if (!existing.isLive) {
        existing.reattach(); // it gave up, or another window took the session over: the user asks for it back
      }
      this.activate(existing);
      return;
    }
    if (this._tabs.length >= maxTabs) {
      window.alert(t('tooManyTabs', { max: maxTabs }));
      return;
    }
    this.activate(this.addTab({ key: this.newKey(), hostId, hostName, sessionId }));
  }

  /** Sessions a live tab of this page holds right now (the Sessions page marks them). */
  heldSessions(): Set<string> {
    return new Set(this._tabs.flatMap((tab) => (tab.sessionId === null || !tab.isLive ? [] : [tab.sessionId])));
  }

  show(): void {
    this._shown = true;
    this.element.dataset['shown'] = 'true';
    this._bar.setShown(true);
    this.render();
    requestAnimationFrame(() => {
      this._active?.fit();
      this._active?.focus();
    });
  }

  hide(): void {
    this._shown = false;
    this.element.dataset['shown'] = 'false';
    this._bar.setShown(false);
    this._picker.close();
    // A modal close dialog left open would make the page shown over the workspace inert: leaving answers "cancel".
    this.element.querySelector<HTMLButtonElement>('#tab-close-cancel')?.click();
    this._tools.closeDialogs();
    this.render();
  }

  /** The language changed: the chrome's strings again, in place (the terminals are not touched). */
  retranslate(): void {
    this._picker.retranslate();
    this._bar.retranslate();
    this._files.retranslate();
    this._tools.retranslate();
    for (const tab of this._tabs) {
      tab.retranslate();
    }
    this.render();
  }

  private addTab(stored: StoredTab): TerminalTab {
    const tab = new TerminalTab({
      ...stored,
      tickets: this._api,
      settings: this._tools.settings,
      transformInput: (data) => this._tools.keys.consume(data),
      onChange: (changed) => {
        if (this._tabs.includes(changed)) {
          this.save();
          this.render();
        }
      },
    });
    this._tabs.push(tab);
    this._panes.append(tab.pane);
    tab.start();
    this.save();
    return tab;
  }

  private activate(tab: TerminalTab | null): void {
    this._active = tab;
    for (const each of this._tabs) {
      each.pane.dataset['active'] = each === tab ? 'true' : 'false';
    }
    this.save();
    this.render();
    if (tab !== null) {
      requestAnimationFrame(() => {
        tab.fit();
        if (this._shown) {
          tab.focus();
        }
      });
    }
  }

  private async close(tab: TerminalTab): Promise<void> {
    if (tab.isLive) {
      const choice = await askClose(this.element, tab.hostName);
      if (choice === 'cancel' || !this._tabs.includes(tab)) {
        return;
      }
      if (choice === 'end') {
        tab.end();
      } else {
        tab.detach();
      }
    } else {
      tab.detach();
    }
    const index = this._tabs.indexOf(tab);
    this._tabs.splice(index, 1);
    if (this._active === tab) {
      this.activate(this._tabs[Math.min(index, this._tabs.length - 1)] ?? null);
    } else {
      this.save();
      this.render();
    }
  }

  private detachAll(): void {
    for (const tab of this._tabs) {
      tab.detach();
    }
    this._tabs = [];
    this._active = null;
  }

  private save(): void {
    if (this._user !== null) {
      this._store.save({ user: this._user, tabs: this._tabs.map((tab) => tab.stored), active: this._active?.key ?? null });
    }
  }

  private newKey(): string {
    const taken = new Set(this._tabs.map((tab) => tab.key));
    let key: string;
    do {
      key = `t${Date.now().toString(36)}${(this._nextKey++).toString(36)}`;
    } while (taken.has(key));
    return key;
  }

  /** Host names come from the host list; a tab opened from a bare route shows the id until it arrives. */
  private fillHostNames(): void {
    if (!this._tabs.some((tab) => tab.hostName === tab.hostId)) {
      return;
    }
    const ids = [...new Set(this._tabs.filter((tab) => tab.hostName === tab.hostId).map((tab) => tab.hostId))];
    this._api.hostPage({ ids, limit: ids.length }).then(
      ({ hosts }) => {
        for (const tab of this._tabs) {
          const name = hosts.find((host) => host.id === tab.hostId)?.name;
          if (name !== undefined && tab.hostName === tab.hostId) {
            tab.hostName = name;
          }
        }
        this.save();
        this.render();
      },
      () => {
        // Unauthorized is handled by the API client; otherwise the ids stay as labels.
      },
    );
  }

  private render(): void {
    const active = this._active;
    if (this._shown) {
      document.title = `${active === null ? t('navHosts') : active.hostName} · ${t('appName')}`;
    }
    this._empty.textContent = t('workspaceEmpty');
    this._empty.hidden = this._tabs.length > 0;
    replaceChildren(this._strip, ...this._tabs.map((tab) => this.tabElement(tab, tab === active)));
    this._strip.setAttribute('aria-label', t('tabsLabel'));
    this._picker.button.title = t('addTab');
    this._picker.button.setAttribute('aria-label', t('addTab'));
    this._filesToggle.textContent = t('filesToggle');
    this._filesToggle.hidden = active === null;
    this._tools.setEnabled(active !== null);
    if (this._files.shown) {
      this._files.setSession(active?.sessionId ?? null);
    }

    this._bar.update(active);
  }

  private tabElement(tab: TerminalTab, selected: boolean): HTMLElement {
    const select = h('button', { type: 'button', className: 'workspace-tab-select', role: 'tab', 'aria-selected': selected ? 'true' : 'false' }, tab.hostName);
    select.addEventListener('click', () => this.activate(tab));
    const close = h('button', { type: 'button', className: 'workspace-tab-close', title: t('closeTab', { host: tab.hostName }), 'aria-label': t('closeTab', { host: tab.hostName }) }, '×');
    close.addEventListener('click', () => void this.close(tab));
    return h('div', {
      className: 'workspace-tab',
      'data-tab-key': tab.key,
      'data-host-id': tab.hostId,
      'data-host-name': tab.hostName,
      'data-session-id': tab.sessionId ?? '',
      'data-state': statusState(tab.state),
      'data-selected': selected ? 'true' : 'false',
      title: statusText(tab.state),
    }, select, close);
  }
}
