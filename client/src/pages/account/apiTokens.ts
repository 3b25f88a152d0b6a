// The account page's API tokens: create one (name, scopes, expiry; its secret is shown once, here), list them
// (scopes, expiry, last use; never the secret) and revoke one.

import { UnauthorizedError, ValidationError } from '../../apiErrors';
import { h, replaceChildren } from '../../dom';
import { t } from '../../strings';
import type { AppContext } from '../page';
import { formatTime } from './logins';
import { problemText } from '../../serverText';

export const tokenScopes = ['read', 'terminal', 'admin'] as const;
type Scope = (typeof tokenScopes)[number];

export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly hint: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string;
  readonly revokedAt: string;
}

/** The rows of `GET /api/account/tokens`; anything malformed is left out. */
export function parseTokens(body: unknown): TokenRow[] {
  if (!Array.isArray(body)) {
    return [];
  }
  return body.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const value = item as Record<string, unknown>;
    const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
    const scopes = Array.isArray(value['scopes']) ? value['scopes'].filter((s): s is string => typeof s === 'string') : [];
    return text('id') === '' ? [] : [{
      id: text('id'), name: text('name'), scopes, hint: text('hint'),
      expiresAt: text('expiresAt'), lastUsedAt: text('lastUsedAt'), revokedAt: text('revokedAt'),
    }];
  });
}

export function mountApiTokensSection(parent: HTMLElement, context: AppContext): () => void {
  const abort = new AbortController();
  const name = h('input', { id: 'token-name', type: 'text', maxlength: 64, autocomplete: 'off', required: true });
  const nameError = h('p', { id: 'token-name-error', className: 'form-error', hidden: true });
  const scopeBoxes = new Map<Scope, HTMLInputElement>(tokenScopes.map((scope) =>
    [scope, h('input', { id: `token-scope-${scope}`, type: 'checkbox', value: scope, checked: scope === 'read' })]));
  const scopeError = h('p', { id: 'token-scopes-error', className: 'form-error', hidden: true });
  const days = h('input', { id: 'token-days', type: 'number', min: 1, max: 365, value: 30, required: true });
  const daysError = h('p', { id: 'token-days-error', className: 'form-error', hidden: true });
  const submit = h('button', { id: 'token-create', type: 'submit', className: 'button primary' }, t('createToken'));
  const created = h('div', { id: 'token-created', className: 'panel-message', hidden: true });
  const status = h('p', { id: 'account-tokens-status', className: 'panel-message', role: 'status' }, t('loading'));
  const body = h('tbody');
  const table = h('table', { id: 'account-tokens', className: 'data-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[t('tokenName'), t('colScopes'), t('colExpires'), t('colLastUsed'), ''].map((label) => h('th', { scope: 'col' }, label)))),
    body);

  const form = h('form', { id: 'token-form', className: 'account-form', novalidate: true },
    h('label', { for: 'token-name' }, t('tokenName')), name, nameError,
    h('fieldset', {}, h('legend', {}, t('tokenScopes')),
      ...[...scopeBoxes].map(([scope, box]) => h('label', { for: box.id, className: 'inline' }, box, ` ${t(`scope_${scope}`)}`))),
    scopeError,
    h('label', { for: 'token-days' }, t('tokenDays')), days, daysError,
    submit);

  const show = (element: HTMLElement, text: string): void => {
    element.textContent = text;
    element.hidden = text === '';
  };

  function failed(reason: unknown): void {
    if (abort.signal.aborted || reason instanceof UnauthorizedError) {
      return;
    }
    show(status, t('accountFailed', { error: problemText(reason) }));
  }

  const revoke = (row: TokenRow): void => {
    if (window.confirm(t('revokeTokenConfirm', { name: row.name }))) {
      context.api.call('DELETE', `/api/account/tokens/${encodeURIComponent(row.id)}`).then(load, failed);
    }
  };

  const rowOf = (row: TokenRow): HTMLTableRowElement => {
    const over = row.revokedAt !== '' ? t('tokenRevoked') : new Date(row.expiresAt).getTime() <= Date.now() ? t('tokenExpired') : null;
    const button = over === null && h('button', { type: 'button', className: 'button ghost token-revoke' }, t('revokeToken'));
    if (button) {
      button.addEventListener('click', () => {
        revoke(row);
      });
    }
    return h('tr', { className: 'token-row', 'data-token-id': row.id },
      h('td', {}, row.name, ' ', h('code', {}, row.hint)),
      h('td', {}, row.scopes.join(', ')),
      h('td', {}, over ?? formatTime(row.expiresAt)),
      h('td', { className: 'token-last-used' }, row.lastUsedAt === '' ? t('never') : formatTime(row.lastUsedAt)),
      h('td', {}, button));
  };

  function load(): void {
    context.api.call('GET', '/api/account/tokens', undefined, abort.signal).then((result) => {
      const rows = parseTokens(result);
      replaceChildren(body, ...rows.map(rowOf));
      table.hidden = rows.length === 0;
      show(status, rows.length > 0 ? '' : t('noTokens'));
    }, failed);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const error of [nameError, scopeError, daysError]) {
      show(error, '');
    }
    const scopes = [...scopeBoxes].filter(([, box]) => box.checked).map(([scope]) => scope);
    submit.disabled = true;
    context.api.call('POST', '/api/account/tokens', { name: name.value.trim(), scopes, expiresInDays: Number(days.value) }).then((result) => {
      submit.disabled = false;
      const secret = (result as { token?: unknown } | null)?.token;
      if (typeof secret === 'string') {
        // Shown once: in a read-only field the user can select and copy; gone with the page.
        const field = h('input', { id: 'token-secret', type: 'text', readonly: true, value: secret, spellcheck: 'false' });
        replaceChildren(created, h('p', {}, t('tokenShownOnce')), field);
        created.hidden = false;
        field.select();
      }
      form.reset();
      load();
    }, (reason: unknown) => {
      submit.disabled = false;
      if (reason instanceof ValidationError) {
        show(nameError, reason.fields['name'] ?? '');
        show(scopeError, reason.fields['scopes'] ?? '');
        show(daysError, reason.fields['expiresInDays'] ?? '');
        return;
      }
      failed(reason);
    });
  });

  parent.append(h('section', { id: 'account-tokens-section', className: 'panel' },
    h('h2', {}, t('tokensTitle')), h('p', { className: 'hint' }, t('tokensHelp')), form, created, status, table));
  load();
  return () => {
    abort.abort();
    replaceChildren(created);
  };
}
