// Admin: grants (user or user group → host, host group or label selector; optional window and login).

import type { Host } from '../host';
import { h, replaceChildren } from '../dom';
import { HostPager, showListedOf, showMoreButton } from '../listLimit';
import { t } from '../strings';
import { Form, button, errorMessage, input, select, table, type TabContext } from './form';
import { grantFlag, localToIso } from './model';
import type { UserRow } from './usersTab';
import { formatDateTime } from '../serverText';

interface GrantRow {
  readonly id: string;
  readonly userId: string | null;
  readonly userGroup: string | null;
  readonly hostId: string | null;
  readonly hostGroup: string | null;
  readonly labelSelector: string | null;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly login: string | null;
  readonly allowUpload: boolean;
  readonly allowDownload: boolean;
}

/** Host ids per `GET /api/hosts?id=…` call: 100 ids are about 4 KB of query string, inside an 8 KB request line. */
const hostIdsPerRequest = 100;

/** `GET /api/grants/defaults`: what a grant that sets no flag allows (`Transfer:DefaultAllow`). */
interface GrantDefaults {
  readonly allowUpload: boolean;
  readonly allowDownload: boolean;
}

export function grantsTab(container: HTMLElement, context: TabContext): void {
  let users: UserRow[] = [];
  /** The grants' hosts by id, for their names in the table (only those hosts are asked for, issue 14). */
  const hostNames = new Map<string, string>();
  const formSlot = h('div', {});
  const add = button(t('addGrant'), 'primary', () => openForm());
  add.id = 'grant-add';
  // The form lists the users loaded below; opened before they arrive it would offer none. Its hosts come from the
  // server as the admin types.
  add.disabled = true;
  const { table: grantTable, body } = table([t('colSubject'), t('colTarget2'), t('colWindow'), t('colLogin'), t('colTransfer'), ''], 'grants-table');
  const empty = h('p', { id: 'grants-empty', className: 'empty', hidden: true }, t('grantsEmpty'));
  container.append(h('div', { className: 'toolbar' }, h('span', { className: 'spacer' }), add), formSlot, h('section', { className: 'panel' }, grantTable, empty));

  const load = (): void => {
    Promise.all([context.api.call('GET', '/api/grants', undefined, context.signal), context.api.call('GET', '/api/users', undefined, context.signal)])
      .then(async ([grantList, userList]) => {
        users = (Array.isArray(userList) ? userList : []) as UserRow[];
        add.disabled = false;
        const grants = (Array.isArray(grantList) ? grantList : []) as GrantRow[];
        // The table first (a host shows by id until its name arrives), then the grants' host names, asked for in
        // chunks: 500 ids in one query string (~20 KB) were past the 8 KB request line of Kestrel and nginx, and the
        // table never came up with a few hundred per-host grants.
        const show = (): void => replaceChildren(body, ...grants.map(row));
        show();
        grantTable.hidden = grants.length === 0;
        empty.hidden = grants.length > 0;
        const ids = [...new Set(grants.flatMap((grant) => (grant.hostId === null ? [] : [grant.hostId])))];
        for (let at = 0; at < ids.length; at += hostIdsPerRequest) {
          const chunk = ids.slice(at, at + hostIdsPerRequest);
          for (const host of (await context.api.hostPage({ all: true, ids: chunk, limit: chunk.length }, context.signal)).hosts) {
            hostNames.set(host.id, host.name);
          }
        }
        if (ids.length > 0) {
          show();
        }
      })
      .catch((reason: unknown) => context.notify(errorMessage(reason), true));
  };

  function row(grant: GrantRow): HTMLTableRowElement {
    const subject = grant.userId ? (users.find((u) => u.id === grant.userId)?.username ?? grant.userId) : `@${grant.userGroup ?? ''}`;
    const target = grant.hostId
      ? (hostNames.get(grant.hostId) ?? grant.hostId)
      : grant.hostGroup
        ? `${t('colGroups')}: ${grant.hostGroup}`
        : `${t('colLabels')}: ${grant.labelSelector ?? ''}`;
    const window = [grant.notBefore && t('from', { time: formatDateTime(grant.notBefore) }), grant.notAfter && t('until', { time: formatDateTime(grant.notAfter) })]
      .filter(Boolean)
      .join(' ');
    const revoke = button(t('revoke'), 'ghost grant-revoke', () => {
      // Revoking ends the live sessions this grant allowed: say so before doing it.
      if (!globalThis.confirm(t('revokeConfirm', { subject, target }))) {
        return;
      }
      context.api.call('DELETE', `/api/grants/${grant.id}`, undefined, context.signal).then(load, (reason: unknown) => context.notify(errorMessage(reason), true));
    });
    return h('tr', { className: 'grant-row', 'data-grant-id': grant.id }, h('td', {}, subject), h('td', {}, target), h('td', {}, window || t('always')), h('td', {}, grant.login ?? ''),
      h('td', { className: 'grant-transfer' }, transferToggle(grant, 'allowUpload', t('grantUpload')), ' ', transferToggle(grant, 'allowDownload', t('grantDownload'))),
      h('td', { className: 'actions' }, revoke));
  }

  /** A checkbox that turns one file transfer flag of the grant on or off at once (PATCH /api/grants/{id}). */
  function transferToggle(grant: GrantRow, flag: 'allowUpload' | 'allowDownload', label: string): HTMLLabelElement {
    const box = h('input', { type: 'checkbox', className: `grant-${flag}`, checked: grant[flag] });
    box.addEventListener('change', () => {
      box.disabled = true;
      context.api.call('PATCH', `/api/grants/${grant.id}`, { [flag]: box.checked }, context.signal).then(() => {
        box.disabled = false;
        context.notify(t('saved'));
      }, (reason: unknown) => {
        box.checked = !box.checked;
        box.disabled = false;
        context.notify(errorMessage(reason), true);
      });
    });
    return h('label', { className: 'inline-check' }, box, label);
  }

  function openForm(): void {
    const form = new Form('grant', t('addGrant'));
    const user = form.add('userId', t('grantUser'), select([['', t('anyone')], ...users.map((u) => [u.id, u.username] as const)]));
    const userGroup = form.add('userGroup', t('grantUserGroup'), input());
    const hostSearch = form.add('hostSearch', t('grantHostSearch'), input('search'));
    const host = form.add('hostId', t('grantHost'), select([['', t('anyone')]]));
    hostPicker(hostSearch, host);
    const hostGroup = form.add('hostGroup', t('grantHostGroup'), input());
    const labelSelector = form.add('labelSelector', t('grantLabelSelector'), input());
    const notBefore = form.add('notBefore', t('grantNotBefore'), input('datetime-local'));
    const notAfter = form.add('notAfter', t('grantNotAfter'), input('datetime-local'));
    const login = form.add('login', t('grantLogin'), input());
    // The table's Files column, for a new grant too: the boxes start at the server's `Transfer:DefaultAllow`, and a box
    // left at it sends nothing, so the grant follows the setting as one made through the API without the flags does.
    const allowUpload = form.add('allowUpload', t('grantAllowUpload'), input('checkbox', { checked: true }));
    const allowDownload = form.add('allowDownload', t('grantAllowDownload'), input('checkbox', { checked: true }));
    let defaults: GrantDefaults | null = null;
    context.api.call('GET', '/api/grants/defaults', undefined, context.signal).then(
      (value) => {
        defaults = value as GrantDefaults;
        allowUpload.checked = defaults.allowUpload;
        allowDownload.checked = defaults.allowDownload;
      },
      () => undefined, // unknown: the form sends what the boxes show
    );
    form.finish(t('save'), t('cancel'), () => replaceChildren(formSlot));
    const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
    form.onSubmit(async () => {
      await context.api.call(
        'POST',
        '/api/grants',
        {
          userId: orNull(user.value),
          userGroup: orNull(userGroup.value),
          hostId: orNull(host.value),
          hostGroup: orNull(hostGroup.value),
          labelSelector: orNull(labelSelector.value),
          notBefore: localToIso(notBefore.value),
          notAfter: localToIso(notAfter.value),
          login: orNull(login.value),
          allowUpload: grantFlag(allowUpload.checked, defaults?.allowUpload ?? null),
          allowDownload: grantFlag(allowDownload.checked, defaults?.allowDownload ?? null),
        },
        context.signal,
      );
      replaceChildren(formSlot);
      context.notify(t('saved'));
      load();
    });
    replaceChildren(formSlot, form.element);
  }

  /** The host select of the form, filled a page at a time from the server as the admin types in `search` (issue 14:
   * the tab loaded every host for it, 21 s after a 100,000-host import). */
  function hostPicker(search: HTMLInputElement, hostSelect: HTMLSelectElement): void {
    const listed = h('span', { id: 'grant-host-listed', className: 'hint muted', hidden: true });
    const fill = (hosts: readonly Host[], total: number): void => {
      const keep = hostSelect.value;
      hostSelect.replaceChildren(h('option', { value: '' }, t('anyone')));
      for (const x of hosts) {
        hostSelect.append(h('option', { value: x.id, selected: x.id === keep }, x.name));
      }
      showListedOf(listed, hosts.length, total);
    };
    const pager = new HostPager(
      context.api,
      () => ({ all: true, q: search.value }),
      (state) => {
        fill(state.hosts, state.total);
        more.hidden = !state.more;
      },
      (reason: unknown) => context.notify(errorMessage(reason), true),
    );
    const more = showMoreButton('grant-host-show-more', pager);
    hostSelect.after(listed, more);
    search.addEventListener('input', () => pager.searchSoon());
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault(); // a search, not the form's submit
        pager.search();
      }
    });
    context.signal.addEventListener('abort', () => pager.stop());
    pager.search();
  }

  load();
}
