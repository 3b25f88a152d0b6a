// The account page's "change password" section: needs the current password; on success the server ends the user's
// other sign-ins (this one stays). Field errors from the server show under their field.

import { ValidationError } from '../../apiErrors';
import { h } from '../../dom';
import { t } from '../../strings';
import type { AppContext } from '../page';
import { problemText } from '../../serverText';

export function mountPasswordSection(parent: HTMLElement, context: AppContext): () => void {
  let disposed = false;
  const field = (id: string, label: string, autocomplete: string): [HTMLLabelElement, HTMLInputElement, HTMLElement] => [
    h('label', { for: id }, label),
    h('input', { id, type: 'password', autocomplete, required: true }),
    h('p', { id: `${id}-error`, className: 'form-error', hidden: true }),
  ];
  const current = field('account-current-password', t('currentPassword'), 'current-password');
  const next = field('account-new-password', t('newPassword'), 'new-password');
  const again = field('account-confirm-password', t('confirmPassword'), 'new-password');
  const submit = h('button', { id: 'account-password-submit', type: 'submit', className: 'button primary' }, t('changePassword'));
  const status = h('p', { id: 'account-password-status', role: 'status', hidden: true });
  const form = h('form', { id: 'account-password', className: 'panel account-form', novalidate: true },
    h('h2', {}, t('passwordTitle')), ...current, ...next, ...again, submit, status);

  const show = (element: HTMLElement, text: string): void => {
    element.textContent = text;
    element.hidden = text === '';
  };
  const clear = (): void => {
    for (const [, , error] of [current, next, again]) {
      show(error, '');
    }
    show(status, '');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clear();
    if (next[1].value !== again[1].value) {
      show(again[2], t('passwordsDiffer'));
      return;
    }
    submit.disabled = true;
    context.api.call('POST', '/api/account/password', { currentPassword: current[1].value, newPassword: next[1].value }).then(() => {
      if (disposed) {
        return;
      }
      submit.disabled = false;
      form.reset();
      show(status, t('passwordChanged'));
    }, (reason: unknown) => {
      if (disposed) {
        return;
      }
      submit.disabled = false;
      if (reason instanceof ValidationError) {
        show(current[2], reason.fields['currentPassword'] ?? '');
        show(next[2], reason.fields['newPassword'] ?? '');
        return;
      }
      show(status, t('accountFailed', { error: problemText(reason) }));
    });
  });

  parent.append(form);
  return () => {
    disposed = true;
  };
}
