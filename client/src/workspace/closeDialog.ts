// Asks what closing a tab with a live shell should do: end the session, keep it running (detach), or nothing.

import { h } from '../dom';
import { t } from '../strings';

export type CloseChoice = 'end' | 'detach' | 'cancel';

/** Shows a modal dialog inside `parent` and resolves with the user's choice (Escape is "cancel"). */
export function askClose(parent: HTMLElement, hostName: string): Promise<CloseChoice> {
  document.getElementById('tab-close-dialog')?.remove();
  const end = h('button', { id: 'tab-close-end', type: 'button', className: 'button danger' }, t('closeEnd'));
  const detach = h('button', { id: 'tab-close-detach', type: 'button', className: 'button primary' }, t('closeDetach'));
  const cancel = h('button', { id: 'tab-close-cancel', type: 'button', className: 'button ghost' }, t('cancel'));
  const dialog = h('dialog', { id: 'tab-close-dialog', className: 'workspace-dialog', 'aria-labelledby': 'tab-close-title' },
    h('h2', { id: 'tab-close-title' }, t('closeTitle', { host: hostName })),
    h('p', {}, t('closeBody', { host: hostName })),
    h('p', { className: 'muted' }, t('closeHint')),
    h('div', { className: 'dialog-actions' }, cancel, end, detach));
  parent.append(dialog);
  return new Promise((resolve) => {
    const finish = (choice: CloseChoice): void => {
      dialog.close();
      dialog.remove();
      resolve(choice);
    };
    end.addEventListener('click', () => finish('end'));
    detach.addEventListener('click', () => finish('detach'));
    cancel.addEventListener('click', () => finish('cancel'));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish('cancel');
    });
    dialog.showModal();
    detach.focus();
  });
}
