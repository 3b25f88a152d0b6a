// Account section: the authenticator app (TOTP). Enrol with the QR code or the secret, confirm with a first code,
// see the ten recovery codes once; make new codes or remove the app (both ask for a fresh second factor).

import { parseEnrolment } from '../../api';
import { h, replaceChildren } from '../../dom';
import { t } from '../../strings';
import { enrolmentView, recoveryList } from '../loginSecondFactor';
import { parseMfaState, type AccountSection } from './section';
import { problemText } from '../../serverText';

export function mountMfaSection(parent: HTMLElement, context: AccountSection): void {
  const body = h('div', {});
  const message = h('p', { id: 'mfa-message', className: 'form-error', role: 'alert', hidden: true });
  parent.append(h('section', { id: 'account-mfa', className: 'panel' }, h('h2', {}, t('mfaTitle')), message, body));

  const show = (reason: unknown): void => {
    message.textContent = problemText(reason);
    message.hidden = false;
  };

  const load = (): void => {
    message.hidden = true;
    context.api.call('GET', '/api/account/mfa', undefined, context.signal).then((result) => {
      const state = parseMfaState(result);
      const status = h('p', { id: 'mfa-status' }, state.totp ? t('mfaOn', { count: state.recoveryCodesLeft }) : state.required ? t('mfaRequiredOff') : t('mfaOff'));
      const enrol = h('button', { id: 'mfa-enrol', type: 'button', className: 'button primary' }, state.totp ? t('mfaReplace') : t('mfaEnable'));
      enrol.addEventListener('click', begin);
      const actions = h('div', { className: 'toolbar' }, enrol);
      if (state.totp) {
        const codes = h('button', { id: 'mfa-new-codes', type: 'button', className: 'button ghost' }, t('mfaNewCodes'));
        codes.addEventListener('click', () => {
          context.api.call('POST', '/api/account/mfa/recovery-codes', undefined, context.signal)
            .then((r) => replaceChildren(body, codesView(r)), show);
        });
        const remove = h('button', { id: 'mfa-remove', type: 'button', className: 'button ghost' }, t('mfaRemove'));
        remove.addEventListener('click', () => {
          context.api.call('DELETE', '/api/account/mfa/totp', undefined, context.signal).then(load, show);
        });
        actions.append(codes, remove);
      }
      replaceChildren(body, status, actions);
    }, show);
  };

  const codesView = (result: unknown): HTMLElement => {
    const codes = ((result ?? {}) as { recoveryCodes?: unknown }).recoveryCodes;
    const done = h('button', { id: 'recovery-continue', type: 'button', className: 'button primary' }, t('mfaSavedCodes'));
    done.addEventListener('click', load);
    return h('div', {}, recoveryList(Array.isArray(codes) ? codes.map(String) : []), done);
  };

  function begin(): void {
    context.api.call('POST', '/api/account/mfa/totp', undefined, context.signal).then((result) => {
      const code = h('input', { id: 'mfa-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
      const confirm = h('button', { id: 'mfa-confirm', type: 'submit', className: 'button primary' }, t('mfaVerify'));
      const form = h('form', { className: 'form' }, enrolmentView(parseEnrolment(result)), h('label', { for: 'mfa-code' }, t('mfaFirstCode')), code, confirm);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        context.api.call('POST', '/api/account/mfa/totp/confirm', { code: code.value.trim() }, context.signal)
          .then((r) => replaceChildren(body, codesView(r)), show);
      });
      replaceChildren(body, form);
      code.focus();
    }, show);
  }

  load();
}
