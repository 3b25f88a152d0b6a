// Admin: users, their roles and groups; disable, enable, reset password. What ends the user's logins and terminals
// (disable, a new password) or removes their second factors asks first or says so in its form.

import { h, replaceChildren } from '../dom';
import { t } from '../strings';
import { Form, button, errorMessage, input, table, type TabContext } from './form';
import { mountLockoutsPanel } from './lockouts';
import { parseList } from './model';

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly disabled: boolean;
}

const roleNames = ['admin', 'operator', 'auditor'] as const;

/** What each role may do, as the user form's checkbox label (the role's name stays in the table and the API). */
function roleLabel(role: (typeof roleNames)[number]): string {
  return role === 'admin' ? t('roleAdmin') : role === 'operator' ? t('roleOperator') : t('roleAuditor');
}

export function usersTab(container: HTMLElement, context: TabContext): void {
  const formSlot = h('div', {});
  const add = button(t('addUser'), 'primary', () => openForm(null));
  add.id = 'user-add';
  const { table: userTable, body } = table([t('colUser'), t('colRoles'), t('colGroups'), t('colEnabled'), ''], 'users-table');
  container.append(h('div', { className: 'toolbar' }, h('span', { className: 'spacer' }), add), formSlot, h('section', { className: 'panel' }, userTable));

  const load = (): void => {
    context.api.call('GET', '/api/users', undefined, context.signal).then(
      (result) => replaceChildren(body, ...((Array.isArray(result) ? result : []) as UserRow[]).map(row)),
      (reason: unknown) => context.notify(errorMessage(reason), true),
    );
  };

  const update = (user: UserRow, body: unknown): void => {
    context.api.call('PUT', `/api/users/${user.id}`, body, context.signal).then(load, (reason: unknown) => context.notify(errorMessage(reason), true));
  };

  function row(user: UserRow): HTMLTableRowElement {
    return h(
      'tr',
      { className: 'user-row', 'data-user-id': user.id, 'data-username': user.username },
      h('td', {}, user.username),
      h('td', {}, user.roles.join(', ')),
      h('td', {}, user.groups.join(', ')),
      h('td', {}, user.disabled ? h('span', { className: 'badge warn' }, t('disabled')) : t('yes')),
      h(
        'td',
        { className: 'actions' },
        button(t('edit'), 'ghost user-edit', () => openForm(user)),
        button(t('resetPassword'), 'ghost user-password', () => openPasswordForm(user)),
        button(t('resetMfa'), 'ghost user-mfa-reset', () => {
          if (!window.confirm(t('resetMfaConfirm', { name: user.username }))) {
            return;
          }
          context.api.call('DELETE', `/api/users/${user.id}/mfa`, undefined, context.signal)
            .then(() => context.notify(t('mfaResetDone', { name: user.username })), (reason: unknown) => context.notify(errorMessage(reason), true));
        }),
        // Disabling ends the user's logins and terminals at once (issue 14: ask before ending someone's work).
        button(user.disabled ? t('enable') : t('disable'), 'ghost user-toggle', () => {
          if (user.disabled || window.confirm(t('disableConfirm', { name: user.username }))) {
            update(user, { disabled: !user.disabled });
          }
        }),
      ),
    );
  }

  function openForm(user: UserRow | null): void {
    const form = new Form('user', user ? t('editUser', { name: user.username }) : t('addUser'));
    const username = user ? null : form.add('username', t('username'), input());
    const password = user ? null : form.add('password', t('password'), input('password', { autocomplete: 'new-password' }));
    // The three roles as one group (they were three checkboxes among the other fields, one on another row).
    const roles = form.addChoices(t('fieldRoles'), roleNames, (role) => `role-${role}`, roleLabel);
    for (const [role, box] of roles) {
      box.checked = user?.roles.includes(role) ?? role === 'operator';
    }
    const groups = form.add('groups', t('fieldUserGroups'), input());
    groups.value = user?.groups.join(', ') ?? '';
    form.finish(t('save'), t('cancel'), () => replaceChildren(formSlot));
    form.onSubmit(async () => {
      const payload = { roles: roles.filter(([, box]) => box.checked).map(([role]) => role), groups: parseList(groups.value) };
      if (user) {
        await context.api.call('PUT', `/api/users/${user.id}`, payload, context.signal);
      } else if (username !== null && password !== null) {
        await context.api.call('POST', '/api/users', { ...payload, username: username.value.trim(), password: password.value }, context.signal);
      }
      replaceChildren(formSlot);
      context.notify(t('saved'));
      load();
    });
    replaceChildren(formSlot, form.element);
  }

  function openPasswordForm(user: UserRow): void {
    const form = new Form('password', `${t('resetPassword')}: ${user.username}`);
    // Saving signs the user out everywhere and closes their terminals: the form says so before the click.
    const password = form.add('password', t('newPassword'), input('password', { autocomplete: 'new-password' }), t('resetPasswordHint', { name: user.username }));
    form.finish(t('save'), t('cancel'), () => replaceChildren(formSlot));
    form.onSubmit(async () => {
      await context.api.call('POST', `/api/users/${user.id}/password`, { password: password.value }, context.signal);
      replaceChildren(formSlot);
      context.notify(t('passwordReset', { name: user.username }));
    });
    replaceChildren(formSlot, form.element);
  }

  mountLockoutsPanel(container, context);
  load();
}
