import { ApiError } from '../apiErrors';
import { h } from '../dom';
import { t } from '../strings';
import { mountSecondFactor } from './loginSecondFactor';
import type { Page } from './page';
import { mountSso } from './sso';
import { languageSwitch } from './topbar';
import { problemText } from '../serverText';

export const loginPage: Page = (root, context) => {
  let disposed = false;
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { id: 'login-submit', type: 'submit', className: 'button primary' }, t('signIn'));
  const notice = context.takeLoginNotice();
  const error = h('p', { id: 'login-error', className: 'form-error', role: 'alert', hidden: notice === null }, notice ?? '');

  const form = h(
    'form',
    { className: 'login-card', novalidate: true },
    h('div', { className: 'login-brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
    h('p', { className: 'login-subtitle' }, t('loginSubtitle')),
    h('label', { for: 'login-username' }, t('username')),
    username,
    h('label', { for: 'login-password' }, t('password')),
    password,
    error,
    submit,
    languageSwitch(context),
  );

  const setBusy = (busy: boolean): void => {
    submit.disabled = busy;
    submit.setAttribute('aria-busy', String(busy));
    submit.textContent = busy ? t('signingIn') : t('signIn');
    username.readOnly = busy;
    password.readOnly = busy;
  };

  const showError = (message: string): void => {
    error.textContent = message;
    error.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) {
      return;
    }
    const name = username.value.trim();
    if (name === '' || password.value === '') {
      showError(t('loginFailed'));
      (name === '' ? username : password).focus();
      return;
    }
    error.hidden = true;
    setBusy(true);
    context.api.signIn(name, password.value).then(
      (outcome) => {
        if (disposed) {
          return;
        }
        if (outcome.kind === 'signedIn') {
          context.afterLogin();
          return;
        }
        const card = h('div', { className: 'login-card' });
        form.replaceWith(card);
        mountSecondFactor(card, context.api, { username: name, ...outcome }, () => {
          if (!disposed) {
            context.afterLogin();
          }
        });
      },
      (reason: unknown) => {
        if (disposed) {
          return;
        }
        setBusy(false);
        showError(reason instanceof ApiError ? problemText(reason) : t('loginFailed'));
        password.select();
        password.focus();
      },
    );
  });

  root.append(h('main', { className: 'login-page' }, form));
  mountSso(form, context);
  username.focus();
  return () => {
    disposed = true;
  };
};
