// The second sign-in step (issue 11): a TOTP or recovery code, or a passkey; or, for a user who must have a second
// factor and has none, TOTP enrolment (QR code, secret, first code) and the recovery codes, shown once.

import type { ApiClient, TotpEnrolment } from '../api';
import { ApiError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import { t } from '../strings';
import { getAssertion, passkeysSupported } from '../webauthn';
import { problemText } from '../serverText';

export interface SecondStep {
  readonly username: string;
  readonly mfaToken: string;
  readonly methods: readonly string[];
  readonly enrol: boolean;
}

/** Renders the step into `card`; `done` runs once the session is stored (after the recovery codes were seen). */
export function mountSecondFactor(card: HTMLElement, api: ApiClient, step: SecondStep, done: () => void): void {
  const code = h('input', { id: 'login-code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 64, required: true });
  const submit = h('button', { id: 'login-code-submit', type: 'submit', className: 'button primary' }, step.enrol ? t('mfaEnable') : t('mfaVerify'));
  const error = h('p', { id: 'login-error', className: 'form-error', role: 'alert', hidden: true });
  const enrolSlot = h('div', { id: 'login-enrol' });
  const passkey = h('button', { id: 'login-passkey', type: 'button', className: 'button ghost' }, t('mfaUsePasskey'));
  passkey.hidden = step.enrol || !step.methods.includes('passkey') || !passkeysSupported();
  const form = h('form', { className: 'login-form', novalidate: true },
    h('p', { className: 'login-subtitle' }, step.enrol ? t('mfaEnrolRequired') : t('mfaPrompt')),
    enrolSlot,
    h('label', { for: 'login-code' }, step.enrol ? t('mfaFirstCode') : t('mfaCodeOrRecovery')),
    code, error, submit, passkey);
  replaceChildren(card, form);

  const fail = (reason: unknown): void => {
    submit.disabled = false;
    error.textContent = reason instanceof ApiError ? problemText(reason) : t('mfaInvalid');
    error.hidden = false;
    code.select();
  };
  const finish = (recoveryCodes: readonly string[]): void => {
    if (recoveryCodes.length === 0) {
      done();
      return;
    }
    const next = h('button', { id: 'recovery-continue', type: 'button', className: 'button primary' }, t('mfaSavedCodes'));
    next.addEventListener('click', done);
    replaceChildren(card, recoveryList(recoveryCodes), next);
  };

  if (step.enrol) {
    api.enrolAtLogin(step.mfaToken).then((enrolment) => replaceChildren(enrolSlot, enrolmentView(enrolment)), fail);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled || code.value.trim() === '') {
      return;
    }
    submit.disabled = true;
    api.secondFactor(step.username, step.mfaToken, { code: code.value.trim() }).then((result) => finish(result.recoveryCodes), fail);
  });
  passkey.addEventListener('click', () => {
    api.loginPasskeyOptions(step.mfaToken)
      .then((options) => getAssertion(options))
      .then((assertion) => api.secondFactor(step.username, step.mfaToken, { passkey: assertion }))
      .then((result) => finish(result.recoveryCodes), (reason: unknown) => fail(reason instanceof ApiError ? reason : new Error(t('mfaPasskeyFailed'))));
  });
  code.focus();
}

/** The QR code (as an image from a data URL, so no markup from the server enters the page) and the secret. */
export function enrolmentView(enrolment: TotpEnrolment): HTMLElement {
  const image = h('img', { id: 'totp-qr', className: 'totp-qr', alt: t('mfaQrAlt'), width: 200, height: 200 });
  image.src = `data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`;
  return h('div', { className: 'totp-enrolment' },
    h('p', {}, t('mfaScan')),
    image,
    h('p', {}, t('mfaSecretLabel'), ' ', h('code', { id: 'totp-secret' }, enrolment.secret)));
}

/** The recovery codes, shown once, with the advice to keep them. */
export function recoveryList(codes: readonly string[]): HTMLElement {
  return h('div', { id: 'recovery-codes', className: 'recovery-codes' },
    h('p', {}, t('mfaRecoveryHint')),
    h('ol', {}, ...codes.map((c) => h('li', {}, h('code', {}, c)))));
}
