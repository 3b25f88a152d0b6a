// The file panel of a terminal tab (issue 14): browses the host over SFTP through the tab's live session, uploads by
// drag-and-drop or picker, downloads, creates folders, renames and deletes, with progress, Cancel and clear errors.
// A host without SFTP, or a grant without the right, is shown as such instead of the controls failing.

import './files.css';
import type { ApiClient } from '../../api';
import { h, replaceChildren, saveFile } from '../../dom';
import { formatNumber } from '../../serverText';
import { t } from '../../strings';
import { fileErrorCode, fileErrorDetail, fileErrorText } from './fileErrors';
import { FilesApi, type Listing, type RemoteEntry } from './filesApi';
import { formatBytes, TransferList } from './transferList';

type LabelKey = 'filesUp' | 'filesRefresh' | 'filesUpload' | 'filesNewFolder' | 'filesClose' | 'filesDownload' | 'filesRename' | 'filesDelete';

export class FilePanel {
  readonly element = h('aside', { id: 'files-panel', className: 'files-panel', hidden: true });
  private readonly _title = h('h2', { className: 'files-title' });
  private readonly _path = h('code', { id: 'files-path', className: 'files-path' });
  private readonly _notice = h('p', { id: 'files-notice', className: 'files-notice', role: 'alert', hidden: true, 'data-code': '' });
  // "Go to path": the way to an entry that a truncated listing (Transfer:MaxListEntries) leaves out.
  private readonly _goto = h('form', { id: 'files-goto', className: 'files-goto' });
  private readonly _gotoPath = h('input', { id: 'files-goto-path', type: 'text', className: 'input small', autocomplete: 'off' });
  private readonly _gotoOpen = h('button', { id: 'files-goto-open', type: 'submit', className: 'button ghost small' });
  private readonly _list = h('ul', { id: 'files-list', className: 'files-list' });
  private readonly _picker = h('input', { id: 'files-picker', type: 'file', multiple: true, hidden: true });
  private readonly _toolbar = h('div', { className: 'files-toolbar' });
  private readonly _transfers = new TransferList();
  private _api: FilesApi | null = null;
  private _sessionId: string | null = null;
  private _listing: Listing | null = null;
  private _loading: AbortController | null = null;

  constructor(private readonly _client: ApiClient) {
    const up = this.button('files-up', 'filesUp', () => this._listing && void this.load(this._listing.parent));
    const refresh = this.button('files-refresh', 'filesRefresh', () => void this.load(this._listing?.path ?? ''));
    const upload = this.button('files-upload', 'filesUpload', () => this._picker.click());
    const folder = this.button('files-mkdir', 'filesNewFolder', () => void this.mkdir());
    const close = this.button('files-close', 'filesClose', () => this.hide());
    this._toolbar.append(up, refresh, upload, folder, h('span', { className: 'spacer' }), close);
    this._picker.addEventListener('change', () => {
      this.uploadAll([...(this._picker.files ?? [])]);
      this._picker.value = '';
    });
    this.element.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.element.dataset['drop'] = 'true';
    });
    this.element.addEventListener('dragleave', () => {
      delete this.element.dataset['drop'];
    });
    this.element.addEventListener('drop', (event) => {
      event.preventDefault();
      delete this.element.dataset['drop'];
      this.uploadAll([...(event.dataTransfer?.files ?? [])]);
    });
    this._goto.append(this._gotoPath, this._gotoOpen);
    this._goto.addEventListener('submit', (event) => {
      event.preventDefault();
      // A directory opens as its listing, a file as a listing of that one file (the server lists it as ls does).
      const path = this._gotoPath.value.trim();
      if (path !== '') {
        void this.load(path);
      }
    });
    this.element.append(this._title, this._toolbar, this._path, this._goto, this._notice, this._list, this._transfers.element, this._picker);
    this.retranslate();
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  retranslate(): void {
    this._title.textContent = t('filesTitle');
    // Named in the user's language, as its heading (it was the English word 'files' in both).
    this.element.setAttribute('aria-label', t('filesTitle'));
    this._gotoPath.placeholder = t('filesGoToPlaceholder');
    this._gotoPath.setAttribute('aria-label', t('filesGoToPlaceholder'));
    this._gotoOpen.textContent = t('filesGoTo');
    for (const button of this._toolbar.querySelectorAll<HTMLButtonElement>('button[data-key]')) {
      button.textContent = t(button.dataset['key'] as LabelKey);
    }
  }

  /** Shows the panel for `sessionId` (the shown tab's live session; null: no session yet). */
  show(sessionId: string | null): void {
    this.element.hidden = false;
    this.setSession(sessionId, true);
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** The shown tab changed: browse its session from its home directory. */
  setSession(sessionId: string | null, reload = false): void {
    if (sessionId === this._sessionId && !reload) {
      return;
    }
    this._sessionId = sessionId;
    this._listing = null;
    this._api = sessionId === null ? null : new FilesApi(this._client, sessionId);
    replaceChildren(this._list);
    if (this._api === null) {
      this.notice(t('filesNoSession'), 'no_session');
      return;
    }
    void this.load('');
  }

  private async load(path: string): Promise<void> {
    const api = this._api;
    if (api === null) {
      return;
    }
    this._loading?.abort();
    const loading = new AbortController();
    this._loading = loading;
    this.element.dataset['state'] = 'loading';
    try {
      const listing = await api.list(path, loading.signal);
      if (api !== this._api) {
        return;
      }
      this._listing = listing;
      this.render(listing);
      this.element.dataset['state'] = 'ready';
    } catch (error) {
      if (loading.signal.aborted) {
        return;
      }
      const code = fileErrorCode(error);
      const unavailable = code === 'sftp_unavailable';
      this.element.dataset['state'] = unavailable ? 'unavailable' : 'error';
      this.notice(unavailable ? t('filesUnavailable', { reason: fileErrorDetail(error) }) : fileErrorText(error), code);
      if (unavailable) {
        // Nothing but Refresh (try again) and Close can work on a host without SFTP: the rest is off, not silent.
        this.enableBrowsing(false);
      }
    }
  }

  private render(listing: Listing): void {
    this._path.textContent = listing.path;
    this.element.dataset['upload'] = String(listing.allowUpload);
    this.element.dataset['download'] = String(listing.allowDownload);
    this.enableBrowsing(true);
    const limits = [listing.allowUpload ? '' : t('filesUploadOff'), listing.allowDownload ? '' : t('filesDownloadOff'),
      listing.truncated ? truncatedText(listing) : ''].filter((s) => s !== '');
    this.notice(limits.join(' '), limits.length === 0 ? '' : 'limits');
    for (const id of ['files-upload', 'files-mkdir']) {
      const button = this._toolbar.querySelector<HTMLButtonElement>(`#${id}`);
      if (button) {
        button.disabled = !listing.allowUpload;
      }
    }
    if (listing.entries.length === 0) {
      replaceChildren(this._list, h('li', { className: 'files-empty muted' }, t('filesEmpty')));
      return;
    }
    replaceChildren(this._list, ...listing.entries.map((entry) => this.row(entry, listing)));
  }

  private row(entry: RemoteEntry, listing: Listing): HTMLLIElement {
    // A link behaves as what it points at (the server resolves it through SFTP): a link to a directory opens, a link to
    // a file downloads as the file; one that points at nothing says why it cannot be opened. One the server did not
    // resolve (`unknown`, past its bound) offers both, by trying: it opens as a folder, or lists as the one file it
    // points at, and Download fetches the file or says why not.
    const as = entryKind(entry);
    const unknown = isUnresolvedLink(entry);
    const label = entry.kind === 'link' ? `${entry.name}${as === 'dir' ? '/' : ''} →` : as === 'dir' ? `${entry.name}/` : entry.name;
    const name = as === 'dir' || unknown
      ? h('button', { type: 'button', className: 'files-name link' }, label)
      : h('span', { className: 'files-name' }, label);
    if (as === 'dir' || unknown) {
      name.addEventListener('click', () => void this.load(entry.path));
    }
    const why = linkProblem(entry);
    if (why !== null) {
      name.title = why;
    }
    const actions = h('span', { className: 'files-actions' });
    if ((as === 'file' || unknown) && listing.allowDownload) {
      actions.append(this.action('filesDownload', 'download', () => void this.download(entry)));
    }
    if (listing.allowUpload) {
      actions.append(this.action('filesRename', 'rename', () => void this.rename(entry)), this.action('filesDelete', 'delete', () => void this.remove(entry)));
    }
    const size = why ?? (as === 'dir' ? '' : formatBytes(entry.size));
    return h('li', { className: 'files-entry', 'data-name': entry.name, 'data-kind': entry.kind, 'data-target': entry.target ?? '' },
      name, h('span', { className: why === null || unknown ? 'files-size muted' : 'files-size files-link-problem' }, size), actions);
  }

  private uploadAll(files: File[]): void {
    const api = this._api;
    const listing = this._listing;
    if (api === null || listing === null || files.length === 0) {
      return;
    }
    for (const file of files) {
      const cancel = new AbortController();
      const row = this._transfers.add('upload', file.name, () => cancel.abort());
      api.upload(listing.path, file, row.progress, cancel.signal).then((sha) => {
        row.done(sha);
        if (this._listing?.path === listing.path) {
          void this.load(listing.path);
        }
      }, (error: unknown) => {
        row.failed(error);
      });
    }
  }

  private async download(entry: RemoteEntry): Promise<void> {
    const api = this._api;
    if (api === null) {
      return;
    }
    const cancel = new AbortController();
    const row = this._transfers.add('download', entry.name, () => cancel.abort());
    try {
      const blob = await api.download(entry.path, row.progress, cancel.signal);
      row.done('');
      saveFile(blob, entry.name);
    } catch (error) {
      row.failed(error);
    }
  }

  private async mkdir(): Promise<void> {
    const api = this._api;
    const listing = this._listing;
    const name = window.prompt(t('filesNewFolderPrompt'))?.trim();
    if (name && api && listing) {
      await this.change(() => api.mkdir(`${listing.path.replace(/\/$/, '')}/${name}`));
    }
  }

  private async rename(entry: RemoteEntry): Promise<void> {
    const api = this._api;
    const listing = this._listing;
    const name = window.prompt(t('filesRenamePrompt', { name: entry.name }), entry.name)?.trim();
    if (name && name !== entry.name && api && listing) {
      await this.change(() => api.rename(entry.path, `${listing.path.replace(/\/$/, '')}/${name}`));
    }
  }

  private async remove(entry: RemoteEntry): Promise<void> {
    const api = this._api;
    if (api && window.confirm(t('filesDeleteConfirm', { name: entry.name }))) {
      await this.change(() => api.remove(entry.path));
    }
  }

  private async change(operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
      await this.load(this._listing?.path ?? '');
    } catch (error) {
      this.notice(fileErrorText(error), fileErrorCode(error));
    }
  }

  /** Up and Go to work on a host with SFTP; Upload and New folder also need the grant's upload right (render). */
  private enableBrowsing(enabled: boolean): void {
    for (const id of ['files-up', 'files-upload', 'files-mkdir']) {
      const button = this._toolbar.querySelector<HTMLButtonElement>(`#${id}`);
      if (button) {
        button.disabled = !enabled;
      }
    }
    this._goto.hidden = !enabled;
  }

  private notice(text: string, code: string): void {
    this._notice.textContent = text;
    this._notice.dataset['code'] = code;
    this._notice.hidden = text === '';
  }

  private button(id: string, key: LabelKey, onClick: () => void): HTMLButtonElement {
    const button = h('button', { id, type: 'button', className: 'button ghost small', 'data-key': key });
    button.addEventListener('click', onClick);
    return button;
  }

  private action(key: LabelKey, name: string, onClick: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', className: 'button ghost small', 'data-action': name }, t(key));
    button.addEventListener('click', onClick);
    return button;
  }
}

/** What an entry opens as: a link as its target (`dir` or `file`), anything else as its own kind. */
export function entryKind(entry: Pick<RemoteEntry, 'kind' | 'target'>): RemoteEntry['kind'] {
  if (entry.kind !== 'link') {
    return entry.kind;
  }
  return entry.target === 'dir' || entry.target === 'file' ? entry.target : 'link';
}

/** A link the server left unresolved (past its bound on links per listing): opened and downloaded by trying. */
export function isUnresolvedLink(entry: Pick<RemoteEntry, 'kind' | 'target'>): boolean {
  return entry.kind === 'link' && entry.target === 'unknown';
}

/** Why a link cannot be opened (dangling, not visible, not a file or directory), or that it was not resolved; null
 * for anything else. */
export function linkProblem(entry: Pick<RemoteEntry, 'kind' | 'target'>): string | null {
  if (entry.kind !== 'link') {
    return null;
  }
  switch (entry.target) {
    case 'file':
    case 'dir':
      return null;
    case 'missing':
      return t('filesLinkMissing');
    case 'denied':
      return t('filesLinkDenied');
    case 'unknown':
      return t('filesLinkUnknown');
    default:
      return t('filesLinkOther');
  }
}

/** How many of how many entries a truncated listing shows; "more than" when the server stopped counting. */
export function truncatedText(listing: Pick<Listing, 'entries' | 'total' | 'totalCapped'>): string {
  const values = { count: formatNumber(listing.entries.length), total: formatNumber(listing.total) };
  return listing.totalCapped === true ? t('filesTruncatedCapped', values) : t('filesTruncated', values);
}
