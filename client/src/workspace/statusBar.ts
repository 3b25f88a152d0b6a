// The workspace's top line: brand, the shown tab's host and status, Reconnect, links and the language switch. Built
// once; `update` rewrites texts and attributes in place, so a status change never replaces a control in use.

import { h } from '../dom';
import { statusCode, statusDetail, statusState, statusText } from '../linkWords';
import { others, participantSummary, participantUsers } from '../participants';
import { languageSwitch } from '../pages/topbar';
import { t, type Language } from '../strings';
import type { TerminalTab } from './terminalTab';

export class StatusBar {
  readonly element = h('header', { className: 'statusbar' });
  private readonly _brand = h('a', { className: 'brand', href: '#/hosts' });
  private readonly _host = h('span', { id: 'terminal-host', className: 'host-label' });
  private readonly _status = h('span', { id: 'terminal-status', className: 'status', 'data-state': 'closed' });
  private readonly _detail = h('span', { id: 'terminal-detail', className: 'muted detail', 'data-code': '' });
  private readonly _participants = h('span', { id: 'terminal-participants', className: 'participants', 'data-count': '0', 'data-users': '', hidden: true });
  private readonly _recorded = h('span', { id: 'terminal-recorded', className: 'recorded', 'data-recording': 'none', hidden: true });
  private readonly _warning = h('span', { id: 'terminal-warning', className: 'warning', role: 'status', 'data-code': '', hidden: true });
  private readonly _reconnect = h('button', { id: 'terminal-reconnect', type: 'button', className: 'button primary small', hidden: true });
  private readonly _sessions = h('a', { id: 'workspace-sessions', className: 'button ghost small', href: '#/sessions' });
  private readonly _back = h('a', { id: 'terminal-back', className: 'button ghost small', href: '#/hosts' });
  private readonly _crumb = h('span', { className: 'crumb', 'aria-hidden': 'true' }, '/');
  private _language: HTMLSelectElement;
  private _shown = false;

  constructor(
    private readonly _switchLanguage: (language: Language) => void,
    onReconnect: () => void,
  ) {
    this._reconnect.addEventListener('click', onReconnect);
    this._language = this.languageSelect();
    this.element.append(this._brand, this._crumb, this._host, this._status, this._detail,
      this._recorded, this._participants, this._warning, h('span', { className: 'spacer' }), this._reconnect, this._sessions, this._language, this._back);
    this.retranslate();
  }

  /** Only one `#language-switch` in the document: the page shown over a hidden workspace has its own. */
  setShown(shown: boolean): void {
    this._shown = shown;
    if (shown) {
      this._language.id = 'language-switch';
    } else {
      this._language.removeAttribute('id');
    }
  }

  retranslate(): void {
    this._brand.replaceChildren(h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName'));
    this._reconnect.textContent = t('reconnect');
    this._sessions.textContent = t('navSessions');
    this._back.textContent = t('backToHosts');
    const language = this.languageSelect();
    this._language.replaceWith(language);
    this._language = language;
  }

  update(active: TerminalTab | null): void {
    const state = active?.state;
    // No terminal shown: no crumb, empty host and a closed status's red dot ("Bastion / ●"), only the brand.
    this._crumb.hidden = active === null;
    this._host.hidden = active === null;
    this._status.hidden = active === null;
    this._host.textContent = active?.hostName ?? '';
    this._status.dataset['state'] = state === undefined ? 'closed' : statusState(state);
    this._status.textContent = state === undefined ? '' : statusText(state);
    this._detail.dataset['code'] = state === undefined ? '' : statusCode(state);
    this._detail.textContent = state === undefined ? '' : statusDetail(state);
    this._reconnect.hidden = state?.kind !== 'closed';

    // Said by the server in `ready`: recording is not something to find out afterwards (issue 14).
    const recording = state?.kind === 'connected' ? (state.recording ?? 'none') : 'none';
    this._recorded.dataset['recording'] = recording;
    this._recorded.hidden = recording === 'none';
    this._recorded.textContent = recording === 'input' ? t('recordedKeys') : t('recorded');
    this._recorded.title = recording === 'input' ? t('recordedKeysTitle') : t('recordedTitle');

    // Only the others: the owner knows they are attached themself.
    const attached = others(active?.participants ?? []);
    this._participants.dataset['count'] = String(attached.length);
    this._participants.dataset['users'] = participantUsers(attached);
    this._participants.textContent = participantSummary(attached);
    this._participants.title = t('participantsLabel');
    this._participants.hidden = attached.length === 0;
    const warning = active?.warning ?? null;
    this._warning.dataset['code'] = warning?.code ?? '';
    this._warning.textContent = warning?.message ?? '';
    this._warning.hidden = warning === null;
  }

  private languageSelect(): HTMLSelectElement {
    const select = languageSwitch({ switchLanguage: this._switchLanguage });
    if (!this._shown) {
      select.removeAttribute('id');
    }
    return select;
  }
}
