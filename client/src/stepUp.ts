// The step-up prompt (issue 11): a host flagged requireMfa, or a change of one's own second factors, asks for a fresh
// code or passkey. The API client calls `promptStepUp` when the server refuses with mfa_step_up_required, then retries.

import type { ApiClient } from './api';
import { ApiError } from './apiErrors';
import { h } from './dom';
import { t } from './strings';
import { getAssertion, passkeysSupported } from './webauthn';
import { problemText } from './serverText';

/** Shows the dialog; resolves true once the server accepted a code or a passkey, false when the user cancels. */
export function promptStepUp(api: ApiClient): Promise<boolean> {
  return new Promise((resolve) => {
    const code = h('input', { id: 'stepup-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 64 });
    const error = h('p', { id: 'stepup-error', className: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { id: 'stepup-submit', type: 'submit', className: 'button primary' }, t('mfaVerify'));
    const cancel = h('button', { id: 'stepup-cancel', type: 'button', className: 'button ghost' }, t('cancel'));
    const passkey = h('button', { id: 'stepup-passkey', type: 'button', className: 'button ghost', hidden: !passkeysSupported() }, t('mfaUsePasskey'));
    const form = h('form', { className: 'login-card' },
      h('h2', {}, t('stepUpTitle')),
      h('p', {}, t('stepUpHint')),
      h('label', { for: 'stepup-code' }, t('mfaCode')),
      code, error,
      h('div', { className: 'toolbar' }, submit, passkey, cancel));
    const dialog = h('dialog', { id: 'stepup-dialog', className: 'dialog' }, form);
    document.body.append(dialog);
    dialog.showModal();
    code.focus();

    const finish = (ok: boolean): void => {
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    const fail = (reason: unknown): void => {
      error.textContent = reason instanceof Error ? problemText(reason) : t('mfaInvalid');
      error.hidden = false;
      submit.disabled = false;
    };
    const send = (body: unknown): void => {
      submit.disabled = true;
      api.call('POST', '/api/auth/step-up', body).then(() => finish(true), fail);
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!submit.disabled && code.value.trim() !== '') {
        send({ code: code.value.trim() });
      }
    });
    passkey.addEventListener('click', () => {
      api.call('POST', '/api/auth/step-up/passkey-options')
        .then((options) => getAssertion(options as Record<string, unknown>))
        .then((assertion) => send({ passkey: assertion }), (reason: unknown) => fail(reason instanceof ApiError ? reason : new Error(t('mfaPasskeyFailed'))));
    });
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
  });
}
