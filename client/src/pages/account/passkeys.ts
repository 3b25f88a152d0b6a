// Account section: passkeys (WebAuthn) as a second factor. Register several, name them, rename and remove them.

import { ApiError } from '../../apiErrors';
import { h, replaceChildren } from '../../dom';
import { t } from '../../strings';
import { createCredential, passkeysSupported } from '../../webauthn';
import { parseMfaState, type AccountSection, type PasskeyRow } from './section';
import { problemText } from '../../serverText';

export function mountPasskeysSection(parent: HTMLElement, context: AccountSection): void {
  const list = h('ul', { id: 'passkey-list', className: 'passkey-list' });
  const name = h('input', { id: 'passkey-name', type: 'text', maxlength: 64, placeholder: t('passkeyNamePlaceholder') });
  const add = h('button', { id: 'passkey-add', type: 'submit', className: 'button primary' }, t('passkeyAdd'));
  const message = h('p', { id: 'passkey-message', className: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { className: 'toolbar' }, name, add);
  form.hidden = !passkeysSupported();
  parent.append(h('section', { id: 'account-passkeys', className: 'panel' }, h('h2', {}, t('passkeysTitle')), message, list, form));

  const show = (reason: unknown): void => {
    message.textContent = reason instanceof ApiError ? problemText(reason) : t('mfaPasskeyFailed');
    message.hidden = false;
    add.disabled = false;
  };

  const row = (passkey: PasskeyRow): HTMLElement => {
    const rename = h('button', { type: 'button', className: 'button ghost passkey-rename' }, t('passkeyRename'));
    rename.addEventListener('click', () => {
      const next = window.prompt(t('passkeyRename'), passkey.name);
      if (next !== null && next.trim() !== '') {
        context.api.call('PUT', `/api/account/passkeys/${passkey.id}`, { name: next.trim() }, context.signal).then(load, show);
      }
    });
    const remove = h('button', { type: 'button', className: 'button ghost passkey-remove' }, t('passkeyRemove'));
    remove.addEventListener('click', () => {
      context.api.call('DELETE', `/api/account/passkeys/${passkey.id}`, undefined, context.signal).then(load, show);
    });
    return h('li', { className: 'passkey-row', 'data-passkey-id': passkey.id },
      h('span', { className: 'passkey-label' }, passkey.name), ' ', rename, remove);
  };

  function load(): void {
    context.api.call('GET', '/api/account/mfa', undefined, context.signal).then((result) => {
      const state = parseMfaState(result);
      replaceChildren(list, ...(state.passkeys.length === 0 ? [h('li', { className: 'muted' }, t('passkeysNone'))] : state.passkeys.map(row)));
    }, show);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const label = name.value.trim() === '' ? t('passkeyDefaultName') : name.value.trim();
    add.disabled = true;
    message.hidden = true;
    context.api.call('POST', '/api/account/passkeys/options', undefined, context.signal)
      .then((options) => createCredential(options as Record<string, unknown>))
      .then((credential) => context.api.call('POST', '/api/account/passkeys', { name: label, credential }, context.signal))
      .then(() => {
        name.value = '';
        add.disabled = false;
        load();
      }, show);
  });

  load();
}
