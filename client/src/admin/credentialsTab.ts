// Admin: shared credentials. Secrets can be set and rotated, never read back.

import { h, replaceChildren } from '../dom';
import { t } from '../strings';
import { Form, button, errorMessage, input, table, textarea, type TabContext } from './form';
import { formatDateTime } from '../serverText';

interface CredentialRow {
  readonly id: string;
  readonly name: string;
  readonly hasPassword: boolean;
  readonly hasPrivateKey: boolean;
  readonly updatedAt: string;
  readonly hostCount: number;
}

export function credentialsTab(container: HTMLElement, context: TabContext): void {
  const formSlot = h('div', {});
  const add = button(t('addCredential'), 'primary', () => openForm(null));
  add.id = 'credential-add';
  const { table: credentialTable, body } = table(
    [t('colName'), t('fieldPassword'), t('fieldPrivateKey'), t('colHosts'), t('colUpdated'), ''],
    'credentials-table',
  );
  container.append(h('div', { className: 'toolbar' }, h('span', { className: 'spacer' }), add), formSlot, h('section', { className: 'panel' }, credentialTable));

  const load = (): void => {
    context.api.call('GET', '/api/credentials', undefined, context.signal).then(
      (result) => replaceChildren(body, ...((Array.isArray(result) ? result : []) as CredentialRow[]).map(row)),
      (reason: unknown) => context.notify(errorMessage(reason), true),
    );
  };

  function row(credential: CredentialRow): HTMLTableRowElement {
    return h(
      'tr',
      { className: 'credential-row', 'data-name': credential.name },
      h('td', {}, credential.name),
      h('td', {}, credential.hasPassword ? t('secretSet') : '—'),
      h('td', {}, credential.hasPrivateKey ? t('secretSet') : '—'),
      h('td', {}, String(credential.hostCount)),
      h('td', {}, formatDateTime(credential.updatedAt)),
      h('td', { className: 'actions' }, button(t('rotate'), 'credential-rotate', () => openForm(credential))),
    );
  }

  function openForm(credential: CredentialRow | null): void {
    const form = new Form('credential', credential ? t('rotateCredential', { name: credential.name }) : t('addCredential'));
    const name = form.add('name', t('fieldName'), input());
    const password = form.add('password', t('fieldPassword'), input('password', { autocomplete: 'new-password' }));
    const privateKey = form.add('privateKey', t('fieldPrivateKey'), textarea(4));
    const passphrase = form.add('passphrase', t('fieldPassphrase'), input('password', { autocomplete: 'new-password' }));
    form.finish(t('save'), t('cancel'), () => replaceChildren(formSlot));
    name.value = credential?.name ?? '';
    form.onSubmit(async () => {
      const payload = {
        name: name.value.trim(),
        password: password.value === '' ? null : password.value,
        privateKey: privateKey.value.trim() === '' ? null : privateKey.value,
        passphrase: passphrase.value === '' ? null : passphrase.value,
      };
      await context.api.call(credential ? 'PUT' : 'POST', credential ? `/api/credentials/${credential.id}` : '/api/credentials', payload, context.signal);
      replaceChildren(formSlot);
      context.notify(t('saved'));
      load();
    });
    replaceChildren(formSlot, form.element);
  }

  load();
}
