// The workspace strip's tools for the shown tab (issue 14): Search (the scrollback), Settings (the dialog) and Keys
// (the extra-keys bar: shown by default on coarse pointers, toggled by hand elsewhere), and the bar itself.

import { h } from '../dom';
import './terminal.css';
import { t } from '../strings';
import { ExtraKeysBar } from './keys/extraKeysBar';
import { openSettingsDialog } from './settings/settingsDialog';
import { SettingsStore, type SettingsApi } from './settings/settingsStore';
import type { TerminalTab } from './terminalTab';

export class WorkspaceTools {
  readonly settings: SettingsStore;
  readonly keys: ExtraKeysBar;
  readonly search = h('button', { id: 'workspace-search', type: 'button', className: 'workspace-tool' });
  readonly settingsButton = h('button', { id: 'workspace-settings', type: 'button', className: 'workspace-tool' });
  readonly keysToggle = h('button', { id: 'workspace-keys', type: 'button', className: 'workspace-tool', 'aria-pressed': 'false' });
  private readonly _coarse: MediaQueryList | null;
  /** null: as the pointer says (shown on a touch screen); otherwise as the user chose. */
  private _keysShown: boolean | null = null;

  constructor(api: SettingsApi, private readonly _element: HTMLElement, private readonly _active: () => TerminalTab | null) {
    this.settings = new SettingsStore(api);
    this.keys = new ExtraKeysBar({
      send: (data) => this._active()?.sendKeys(data),
      applicationCursor: () => this._active()?.terminal.modes.applicationCursorKeysMode ?? false,
    });
    this._coarse = typeof window.matchMedia === 'function' ? window.matchMedia('(pointer: coarse)') : null;
    this._coarse?.addEventListener('change', () => this.renderKeys());
    this.search.addEventListener('click', () => this._active()?.openSearch());
    this.settingsButton.addEventListener('click', () => openSettingsDialog(this._element, this.settings));
    this.keysToggle.addEventListener('click', () => {
      this._keysShown = !this.keysShown;
      this.renderKeys();
      this._active()?.focus();
    });
    this.retranslate();
    this.renderKeys();
  }

  get keysShown(): boolean {
    return this._keysShown ?? this._coarse?.matches ?? false;
  }

  retranslate(): void {
    this.search.textContent = t('searchToggle');
    this.search.title = `${t('searchLabel')} (Ctrl+Shift+F)`;
    this.settingsButton.textContent = t('settingsToggle');
    this.settingsButton.title = t('settingsTitle');
    this.keysToggle.textContent = t('keysToggle');
    this.keysToggle.title = t('keysToggleTitle');
    this.keys.retranslate();
  }

  /** Only with a tab shown. */
  setEnabled(enabled: boolean): void {
    this.search.hidden = !enabled;
    this.keysToggle.hidden = !enabled;
    this.keys.element.hidden = !enabled || !this.keysShown;
  }

  /** Leaving the workspace: a modal dialog left open would make the page shown over it inert. */
  closeDialogs(): void {
    this._element.querySelector<HTMLButtonElement>('#settings-done')?.click();
  }

  private renderKeys(): void {
    this.keysToggle.setAttribute('aria-pressed', String(this.keysShown));
    this.keys.element.hidden = this.keysToggle.hidden || !this.keysShown;
  }
}
