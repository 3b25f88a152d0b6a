// The Sessions page's "Invite…" panel for one running session of the caller: a form (user, watch/type, minutes) and
// the open invitations, each with "revoke" (after a confirmation). Requests are built in ./invite.ts.

import { UnauthorizedError } from '../apiErrors';
import type { ApiClient } from '../api';
import { h, replaceChildren } from '../dom';
import { visible } from '../review/commands';
import { t } from '../strings';
import { createInvitation, defaultInviteMinutes, invitationRequest, listInvitations, maxInviteMinutes, revokeInvitation, type Invitation, type InvitationMode } from './invite';
import { formatDateTime, problemText } from '../serverText';

/** Builds the panel; `onClose` removes it. It loads the list at once. */
export function invitePanel(api: ApiClient, sessionId: string, onClose: () => void): HTMLElement {
  const user = h('input', { id: 'invite-user', type: 'text', required: true, autocomplete: 'off', 'aria-label': t('inviteUser'), placeholder: t('inviteUser') });
  const mode = h('select', { id: 'invite-mode', 'aria-label': t('inviteMode') },
    h('option', { value: 'watch' }, t('inviteModeWatch')),
    h('option', { value: 'control' }, t('inviteModeControl')));
  const minutes = h('input', { id: 'invite-minutes', type: 'number', min: 1, max: maxInviteMinutes, step: 1, value: defaultInviteMinutes, 'aria-label': t('inviteMinutes') });
  const submit = h('button', { id: 'invite-submit', type: 'submit', className: 'button primary small' }, t('inviteSubmit'));
  const close = h('button', { id: 'invite-close', type: 'button', className: 'button small' }, t('inviteClose'));
  const error = h('div', { id: 'invite-error', className: 'form-error', role: 'alert', hidden: true });
  const list = h('ul', { id: 'invite-list', className: 'invite-list' });

  const showError = (reason: unknown): void => {
    if (reason instanceof UnauthorizedError) {
      return;
    }
    const message = problemText(reason);
    error.textContent = t('inviteFailed', { error: message });
    error.hidden = false;
  };

  const render = (invitations: Invitation[]): void => {
    replaceChildren(list, ...(invitations.length === 0
      ? [h('li', { id: 'invite-none', className: 'muted' }, t('inviteNone'))]
      : invitations.map((invitation) => row(invitation))));
  };

  const load = (): void => {
    listInvitations(api, sessionId).then(render, showError);
  };

  const row = (invitation: Invitation): HTMLLIElement => {
    const revoke = h('button', { type: 'button', className: 'button small invite-revoke' }, t('inviteRevoke'));
    revoke.addEventListener('click', () => {
      if (!window.confirm(t('inviteRevokeConfirm', { user: invitation.user }))) {
        return;
      }
      revokeInvitation(api, sessionId, invitation.id).then(load, showError);
    });
    const until = invitation.expiresAt === '' ? '' : formatDateTime(invitation.expiresAt);
    const modeText = invitation.mode === 'control' ? t('inviteModeControl') : t('inviteModeWatch');
    return h('li', { className: 'invite-row', 'data-invitation-id': invitation.id, 'data-mode': invitation.mode },
      visible(t('inviteRow', { user: invitation.user, mode: modeText, until })), ' ', revoke);
  };

  const form = h('form', { id: 'invite-form', className: 'review-filters' }, user, mode, minutes, submit, close);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const request = invitationRequest({ user: user.value, mode: mode.value as InvitationMode, minutes: minutes.value });
    if (request === null) {
      error.textContent = t('inviteBadMinutes', { max: maxInviteMinutes });
      error.hidden = false;
      return;
    }
    createInvitation(api, sessionId, request).then(() => {
      user.value = '';
      load();
    }, showError);
  });
  close.addEventListener('click', onClose);

  load();
  return h('section', { id: 'invite-panel', className: 'panel', 'data-session-id': sessionId },
    h('h2', {}, t('inviteTitle')), form, error, list);
}
