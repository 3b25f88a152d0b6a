// Admin: the inventory table with search and group/label filters, the add/edit form, key scanning, import/export.

import type { Host } from '../host';
import { h, replaceChildren, saveFile } from '../dom';
import { t } from '../strings';
import { HostPager, showListedOf, showMoreButton } from '../listLimit';
import { Form, button, errorMessage, input, select, table, textarea, type TabContext } from './form';
import { connectionTestPanel, connectionTestProgress, hostKeysChangedEvent, parseConnectionTest } from './connectionTest';
import { importReport } from './importReport';
import { progressText, progressValue, type ImportProgress } from './import/importProgress';
import { sendImport } from './import/importRequest';
import { formatLabels, parseLabels, parseList } from './model';

interface SharedCredential {
  readonly id: string;
  readonly name: string;
}

export function hostsTab(container: HTMLElement, context: TabContext): void {
  let credentials: SharedCredential[] = [];

  const search = input('search', { id: 'admin-hosts-search', placeholder: t('search'), 'aria-label': t('search') });
  // Exact group and label filters, typed: the server filters (issue 14), and 100,000 hosts can have as many labels.
  const groupFilter = input('search', { id: 'admin-hosts-group', placeholder: t('hostsGroupFilter'), 'aria-label': t('hostsGroupFilter') });
  const labelFilter = input('search', { id: 'admin-hosts-label', placeholder: t('hostsLabelFilter'), 'aria-label': t('hostsLabelFilter') });
  const add = button(t('addHost'), 'primary', () => openForm(null));
  add.id = 'admin-host-add';
  const exportCsv = button(t('exportCsv'), 'ghost', () => void download('/api/hosts/export?format=csv', 'hosts.csv'));
  const exportJson = button(t('exportJson'), 'ghost', () => void download('/api/hosts/export', 'hosts.json'));
  const { table: hostTable, body } = table(
    [t('colName'), t('colTarget'), t('colGroups'), t('colLabels'), t('colHostKey'), t('colEnabled'), ''],
    'admin-hosts-table',
  );
  // No hosts yet says how to get some; a filter that hides every host says so.
  const empty = h('p', { id: 'admin-hosts-empty', className: 'empty', hidden: true });
  const more = h('p', { id: 'admin-hosts-more', className: 'panel-message muted', hidden: true });
  const formSlot = h('div', { id: 'admin-host-form-slot' });
  const scanSlot = h('div', { id: 'scan-slot' });

  // Import: one text box, two buttons; a progress bar that says how far the upload, then the server, is; then a
  // readable report.
  const importText = textarea(5);
  importText.id = 'import-text';
  importText.placeholder = t('importPlaceholder');
  const importResult = h('div', { id: 'import-result', hidden: true });
  const importBar = h('progress', {});
  const importStatus = h('span', { className: 'import-status' });
  const importProgress = h('div', { id: 'import-progress', className: 'import-progress', hidden: true, role: 'status' }, importBar, ' ', importStatus);
  const importButtons: HTMLButtonElement[] = [];
  const showProgress = (progress: ImportProgress): void => {
    const amount = progressValue(progress);
    if (amount === null) {
      importBar.removeAttribute('value');
    } else {
      importBar.max = amount.max;
      importBar.value = amount.value;
    }
    importStatus.textContent = progressText(progress);
    importBar.setAttribute('aria-label', importStatus.textContent);
  };
  const runImport = (path: string, stream: boolean): void => {
    showProgress({ kind: 'upload', sent: 0, total: importText.value.length });
    importProgress.hidden = false;
    // The last import's report goes with the new import's start, not when it ends (or not at all when it fails).
    replaceChildren(importResult);
    importResult.hidden = true;
    importButtons.forEach((b) => (b.disabled = true));
    sendImport(context.api, path, importText.value, stream, showProgress, context.signal)
      .then(
        (result) => {
          replaceChildren(importResult, importReport(result));
          importResult.hidden = false;
          load();
        },
        (reason: unknown) => {
          if (!context.signal.aborted) {
            context.notify(errorMessage(reason), true);
          }
        },
      )
      .finally(() => {
        importProgress.hidden = true;
        importButtons.forEach((b) => (b.disabled = false));
      });
  };
  importButtons.push(
    button(t('importKnownHosts'), 'ghost', () => runImport('/api/hosts/import/known-hosts', false)),
    button(t('importCsv'), 'ghost', () => runImport('/api/hosts/import/csv', true)),
  );
  const importPanel = h(
    'details',
    { className: 'panel import' },
    h('summary', {}, t('importTitle')),
    importText,
    h(
      'div',
      { className: 'form-actions' },
      ...importButtons,
    ),
    importProgress,
    importResult,
  );

  container.append(
    h('div', { className: 'toolbar' }, search, groupFilter, labelFilter, h('span', { className: 'spacer' }), exportCsv, exportJson, add),
    formSlot,
    scanSlot,
    h('section', { className: 'panel' }, hostTable, more, empty),
    importPanel,
  );

  // One page at a time from the server, filtered there (issue 14: the tab loaded all 100,000 hosts).
  const render = (): void => {
    const { hosts, total, more: hasMore, loading } = pager.state;
    if (loading) {
      return;
    }
    body.replaceChildren(...hosts.map(row));
    showListedOf(more, hosts.length, total);
    showMore.hidden = !hasMore;
    hostTable.hidden = hosts.length === 0;
    const filtered = [search.value, groupFilter.value, labelFilter.value].some((value) => value.trim() !== '');
    empty.textContent = filtered ? t('hostsNoMatch') : t('adminHostsEmpty');
    empty.hidden = hosts.length > 0;
  };

  const pager = new HostPager(
    context.api,
    () => ({ all: true, q: search.value, group: groupFilter.value, label: labelFilter.value }),
    render,
    (reason: unknown) => context.notify(errorMessage(reason), true),
  );
  const showMore = showMoreButton('admin-hosts-show-more', pager);
  more.after(showMore);
  context.signal.addEventListener('abort', () => pager.stop());

  const load = (): void => {
    pager.search();
    context.api.call('GET', '/api/credentials', undefined, context.signal).then(
      (credentialList) => {
        credentials = (Array.isArray(credentialList) ? credentialList : []) as SharedCredential[];
      },
      (reason: unknown) => context.notify(errorMessage(reason), true),
    );
  };

  function row(host: Host): HTMLTableRowElement {
    const key = host.hostKeyFingerprint
      ? h('code', { className: 'fingerprint', title: host.hostKeyFingerprint }, host.hostKeyFingerprint)
      : h('span', { className: 'badge warn' }, t('notPinned'));
    const remove = button(t('delete'), 'ghost host-delete', () => {
      if (window.confirm(t('confirmDelete', { name: host.name }))) {
        context.api.call('DELETE', `/api/hosts/${host.id}`, undefined, context.signal).then(load, (reason: unknown) => context.notify(errorMessage(reason), true));
      }
    });
    return h(
      'tr',
      { className: 'admin-host-row', 'data-host-id': host.id, 'data-host-name': host.name },
      h('td', { className: 'admin-host-name' }, host.name, host.description ? h('div', { className: 'muted small' }, host.description) : null),
      h('td', { className: 'host-target' }, h('code', {}, `${host.username}@${host.address}:${host.port}`)),
      h('td', {}, host.groups.join(', ')),
      h('td', {}, formatLabels(host.labels)),
      // The fingerprint takes the width left and is cut short (whole in its tooltip), so the row's buttons fit.
      h('td', { className: 'host-key' }, key),
      h('td', {}, host.enabled ? t('yes') : h('span', { className: 'badge warn' }, t('disabled'))),
      h(
        'td',
        { className: 'actions' },
        testButton(host),
        button(t('scanKey'), 'host-scan', () => scan(host)),
        button(t('edit'), 'ghost host-edit', () => openForm(host)),
        remove,
      ),
    );
  }

  function testButton(host: Host): HTMLButtonElement {
    const test = button(t('testConnection'), 'host-test', () => {
      test.disabled = true;
      test.setAttribute('aria-busy', 'true');
      replaceChildren(scanSlot, connectionTestProgress(host));
      context.api
        .call('POST', `/api/hosts/${host.id}/test`, undefined, context.signal)
        .then(
          (result) => replaceChildren(scanSlot, connectionTestPanel(host, parseConnectionTest(result), () => replaceChildren(scanSlot))),
          (reason: unknown) => {
            replaceChildren(scanSlot);
            context.notify(errorMessage(reason), true);
          },
        )
        .finally(() => {
          test.disabled = false;
          test.removeAttribute('aria-busy');
        });
    });
    return test;
  }

  function scan(host: Host): void {
    replaceChildren(scanSlot, h('p', { className: 'panel-message' }, t('scanning')));
    context.api.call('POST', `/api/hosts/${host.id}/host-key/scan`, undefined, context.signal).then(
      (result) => {
        const value = result as { keyType: string; fingerprint: string; matchesPin: boolean };
        if (!value.matchesPin) {
          // The server recorded the key for review: the Pending keys tab's count goes up now, as after a connection test.
          document.dispatchEvent(new CustomEvent(hostKeysChangedEvent));
        }
        const approve = button(t('approveKey'), 'primary', () => {
          context.api.call('POST', `/api/hosts/${host.id}/host-key/approve`, { fingerprint: value.fingerprint }, context.signal).then(
            () => {
              replaceChildren(scanSlot);
              document.dispatchEvent(new CustomEvent(hostKeysChangedEvent));
              context.notify(t('keyApproved', { name: host.name }));
              load();
            },
            (reason: unknown) => context.notify(errorMessage(reason), true),
          );
        });
        approve.id = 'scan-approve';
        replaceChildren(
          scanSlot,
          h(
            'div',
            { id: 'scan-result', className: 'panel scan-result' },
            h('p', {}, t('scanResult', { name: host.name, type: value.keyType, fingerprint: '' }), h('code', { id: 'scan-fingerprint' }, value.fingerprint)),
            value.matchesPin ? null : approve,
            button(t('cancel'), 'ghost', () => replaceChildren(scanSlot)),
          ),
        );
      },
      (reason: unknown) => {
        replaceChildren(scanSlot);
        context.notify(errorMessage(reason), true);
      },
    );
  }

  function openForm(host: Host | null): void {
    const form = new Form('host', host ? t('editHost') : t('addHost'));
    const name = form.add('name', t('fieldName'), input('text', { required: true }));
    const address = form.add('address', t('fieldAddress'), input('text', { required: true }));
    const port = form.add('port', t('fieldPort'), input('number', { min: '1', max: '65535' }));
    const username = form.add('username', t('fieldUsername'), input('text', { required: true }));
    const credential = form.add('credentialId', t('fieldCredential'), select([['', t('ownCredential')], ...credentials.map((c) => [c.id, c.name] as const)]));
    const password = form.add('password', t('fieldPassword'), input('password', { autocomplete: 'new-password' }), host ? t('fieldSecretHint') : undefined);
    const privateKey = form.add('privateKey', t('fieldPrivateKey'), textarea(4), host ? t('fieldSecretHint') : undefined);
    const passphrase = form.add('passphrase', t('fieldPassphrase'), input('password', { autocomplete: 'new-password' }));
    const gateway = form.add(
      'gatewayHostId',
      t('fieldGateway'),
      select(gatewayOptions(pager.state.hosts, host)),
    );
    const charset = form.add('charset', t('fieldCharset'), select([['utf-8', 'UTF-8'], ['gbk', 'GBK'], ['gb18030', 'GB18030'], ['big5', 'Big5'], ['shift_jis', 'Shift_JIS'], ['euc-kr', 'EUC-KR'], ['iso-8859-1', 'ISO-8859-1']]));
    const description = form.add('description', t('fieldDescription'), input());
    const labels = form.add('labels', t('fieldLabels'), input());
    const groups = form.add('groups', t('fieldGroups'), input());
    const fingerprint = form.add('hostKeyFingerprint', t('fieldFingerprint'), input());
    const enabled = form.add('enabled', t('fieldEnabled'), input('checkbox'));
    const recordInput = form.add('recordInput', t('fieldRecordInput'), input('checkbox'));
    const requireMfa = form.add('requireMfa', t('fieldRequireMfa'), input('checkbox'));
    // Session limits (issue 9): empty = the server's global Terminal: setting, 0 = off on this host.
    const idleTimeout = form.add('idleTimeoutSeconds', t('fieldIdleTimeout'), input('number', { min: '0', step: '1' }), t('fieldLimitHint'));
    const maxDuration = form.add('maxDurationSeconds', t('fieldMaxDuration'), input('number', { min: '0', step: '1' }), t('fieldLimitHint'));
    const maxSessions = form.add('maxSessionsPerUser', t('fieldMaxSessions'), input('number', { min: '0', step: '1' }), t('fieldLimitHint'));
    form.finish(t('save'), t('cancel'), () => replaceChildren(formSlot));

    port.value = String(host?.port ?? 22);
    enabled.checked = host?.enabled ?? true;
    recordInput.checked = host?.recordInput ?? false;
    requireMfa.checked = host?.requireMfa ?? false;
    if (host) {
      name.value = host.name;
      address.value = host.address;
      username.value = host.username;
      description.value = host.description ?? '';
      labels.value = formatLabels(host.labels);
      groups.value = host.groups.join(', ');
      gateway.value = host.gatewayHostId ?? '';
      charset.value = host.charset;
      fingerprint.value = host.hostKeyFingerprint ?? '';
      credential.value = credentials.find((c) => c.name === host.credentialName)?.id ?? '';
      idleTimeout.value = host.idleTimeoutSeconds === null ? '' : String(host.idleTimeoutSeconds);
      maxDuration.value = host.maxDurationSeconds === null ? '' : String(host.maxDurationSeconds);
      maxSessions.value = host.maxSessionsPerUser === null ? '' : String(host.maxSessionsPerUser);
    }

    form.onSubmit(async () => {
      const parsedLabels = parseLabels(labels.value);
      if (parsedLabels === null) {
        form.fieldError('labels', t('labelsInvalid'));
        return;
      }
      const payload = {
        name: name.value.trim(),
        address: address.value.trim(),
        port: port.value === '' ? null : Number(port.value),
        username: username.value.trim(),
        password: password.value === '' ? null : password.value,
        privateKey: privateKey.value.trim() === '' ? null : privateKey.value,
        passphrase: passphrase.value === '' ? null : passphrase.value,
        credentialId: credential.value === '' ? null : credential.value,
        gatewayHostId: gateway.value === '' ? null : gateway.value,
        charset: charset.value,
        description: description.value,
        labels: parsedLabels,
        groups: parseList(groups.value),
        hostKeyFingerprint: fingerprint.value.trim() === '' ? null : fingerprint.value.trim(),
        enabled: enabled.checked,
        recordInput: recordInput.checked,
        requireMfa: requireMfa.checked,
        idleTimeoutSeconds: optionalNumber(idleTimeout.value),
        maxDurationSeconds: optionalNumber(maxDuration.value),
        maxSessionsPerUser: optionalNumber(maxSessions.value),
      };
      await context.api.call(host ? 'PUT' : 'POST', host ? `/api/hosts/${host.id}` : '/api/hosts', payload, context.signal);
      replaceChildren(formSlot);
      context.notify(t('saved'));
      load();
    });
    replaceChildren(formSlot, form.element);
    name.focus();
  }

  async function download(path: string, fileName: string): Promise<void> {
    try {
      saveFile(await context.api.blob(path), fileName);
    } catch (reason) {
      context.notify(errorMessage(reason), true);
    }
  }

  for (const box of [search, groupFilter, labelFilter]) {
    box.addEventListener('input', () => pager.searchSoon());
  }
  load();
}

/** The gateway choices: the listed hosts that are no tunnel themselves, and the host's own gateway even when it is
 * not on the pages loaded (so saving the form keeps it). */
function gatewayOptions(hosts: readonly Host[], host: Host | null): [string, string][] {
  const options: [string, string][] = [['', t('noGateway')], ...hosts.filter((x) => x.id !== host?.id && x.gatewayHostId === null).map((x): [string, string] => [x.id, x.name])];
  const current = host?.gatewayHostId ?? null;
  if (current !== null && !options.some(([id]) => id === current)) {
    options.push([current, current]);
  }
  return options;
}

/** An optional whole-number field: empty means "not set" (null), anything else is sent for the server to check. */
function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}
