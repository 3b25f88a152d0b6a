// The panel's running and finished transfers: one row each with a progress bar, Cancel while it runs, and its
// outcome (done with the SHA-256, or the error) when it ends.

import { h } from '../../dom';
import { formatBytes } from '../../review/format';
import { t } from '../../strings';
import { fileErrorCode, fileErrorText } from './fileErrors';

export interface TransferRow {
  readonly progress: (sent: number, total: number) => void;
  readonly done: (detail: string) => void;
  readonly failed: (error: unknown) => void;
}

export class TransferList {
  readonly element = h('ul', { id: 'files-transfers', className: 'files-transfers', 'aria-live': 'polite' });

  add(direction: 'upload' | 'download', name: string, cancel: () => void): TransferRow {
    const bar = h('progress', { className: 'files-progress', max: 1, value: 0 });
    const status = h('span', { className: 'files-transfer-status muted' }, '0%');
    const cancelButton = h('button', { type: 'button', className: 'button ghost small files-cancel' }, t('filesCancel'));
    cancelButton.addEventListener('click', cancel);
    const row = h('li', { className: 'files-transfer', 'data-direction': direction, 'data-name': name, 'data-state': 'running' },
      h('span', { className: 'files-transfer-name' }, `${direction === 'upload' ? '↑' : '↓'} ${name}`), bar, status, cancelButton);
    this.element.prepend(row);
    while (this.element.children.length > 20) {
      this.element.lastElementChild?.remove();
    }
    return {
      progress: (sent, total) => {
        bar.max = Math.max(total, 1);
        bar.value = sent;
        status.textContent = total > 0 ? `${Math.floor((sent / total) * 100)}%` : formatBytes(sent);
      },
      done: (detail) => {
        row.dataset['state'] = 'done';
        bar.value = bar.max;
        status.textContent = detail === '' ? t('filesDone') : `${t('filesDone')} · sha256 ${detail.slice(0, 12)}…`;
        status.title = detail;
        cancelButton.remove();
      },
      failed: (error) => {
        row.dataset['state'] = 'failed';
        row.dataset['code'] = fileErrorCode(error);
        status.textContent = fileErrorText(error);
        status.className = 'files-transfer-status error';
        cancelButton.remove();
      },
    };
  }
}

/** The review pages' byte counts, in the chosen language's number format. */
export { formatBytes };
