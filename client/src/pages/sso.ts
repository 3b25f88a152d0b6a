// Single sign-on on the sign-in page (issue 11): a button that starts the OpenID Connect flow when the server has one
// configured, and, when the browser comes back from the identity provider (`?sso=complete`), the exchange of the
// server's single-use hand-off code, which lives in an HttpOnly cookie that only the exchange endpoint receives, for
// Bastion's access token. No token or code ever appears in the address.

import { ApiError } from '../apiErrors';
import { problemCode } from '../api/http';
import { h } from '../dom';
import { problemText } from '../serverText';
import { t } from '../strings';
import type { AppContext } from './page';

interface SsoInfo {
  readonly enabled: boolean;
  readonly displayName: string | null;
}

/** Adds the single sign-on button (and its error line) to the sign-in form, and finishes a sign-on in progress. */
export function mountSso(form: HTMLElement, context: AppContext): void {
  const error = h('p', { id: 'sso-error', className: 'form-error', role: 'alert', hidden: true });
  const box = h('div', { className: 'sso', hidden: true }, error);
  form.append(box);
  const showError = (message: string): void => {
    box.hidden = false;
    error.textContent = message;
    error.hidden = false;
  };

  const params = new URLSearchParams(window.location.search);
  if (params.get('sso') === 'complete') {
    // Drop the marker from the address first, so a reload does not try the (single-use) exchange again.
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
    void exchange(context, showError, form);
  }

  void context.api
    .anonymous('GET', '/api/auth/sso')
    .then(({ status, body }) => (status === 200 ? (body as SsoInfo | null) : null))
    .catch(() => null)
    .then((info) => {
      if (info?.enabled !== true || !form.isConnected) {
        return;
      }
      const name = info.displayName ?? '';
      const button = h('button', { id: 'sso-button', type: 'button', className: 'button' }, t('ssoSignIn', { name }));
      button.addEventListener('click', () => {
        button.disabled = true;
        window.location.assign('/api/auth/sso/start');
      });
      box.prepend(h('p', { className: 'sso-or' }, t('ssoOr')), button);
      box.hidden = false;
    });
}

async function exchange(context: AppContext, showError: (message: string) => void, form: HTMLElement): Promise<void> {
  let status: number;
  let body: Record<string, unknown> | null;
  try {
    const reply = await context.api.anonymous('POST', '/api/auth/sso/exchange');
    status = reply.status;
    body = reply.body as Record<string, unknown> | null;
  } catch {
    showError(t('networkError'));
    return;
  }
  if (!form.isConnected) {
    return;
  }
  const token = body?.['access_token'];
  const username = body?.['username'];
  if (status !== 200 || typeof token !== 'string' || typeof username !== 'string') {
    // The refusal's code in the user's language (problem_sso_not_permitted...), else the server's English message.
    const message = body?.['error'];
    showError(problemText(new ApiError(status, typeof message === 'string' && message !== '' ? message : t('ssoFailed'), ...problemCode(body))));
    return;
  }
  const expiresIn = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : 3600;
  context.sessions.set({ token, username, expiresAt: Date.now() + expiresIn * 1000 });
  context.afterLogin();
}
