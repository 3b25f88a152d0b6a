// What a session link's state and ends say to the user, in the current language (status bar, tab, terminal line).

import type { LinkEnd, LinkState } from './sessionLink';
import { closeCodeText, errorCodeText, type ErrorValues } from './serverText';
import { t } from './strings';

/** The `data-state` of `#terminal-status` and of a tab. */
export type StatusState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export function statusState(state: LinkState): StatusState {
  return state.kind;
}

export function statusText(state: LinkState): string {
  switch (state.kind) {
    case 'connecting':
      return t('connecting');
    case 'connected':
      return t('connected');
    case 'reconnecting':
      return t('reconnecting');
    case 'closed':
      return t('connectionClosed');
  }
}

/** The short detail next to the status: a close code, an error code, the retry countdown. */
export function statusDetail(state: LinkState): string {
  switch (state.kind) {
    case 'connecting':
      return state.queued === true ? t('connectQueued') : '';
    case 'connected':
      return state.attached ? t('reattached') : '';
    case 'reconnecting':
      return t('reconnectingIn', { attempt: state.attempt, seconds: (state.delayMs / 1000).toFixed(1) });
    case 'closed':
      return endDetail(state.end);
  }
}

/** An `error` message in words: the contract's codes in the current language (with the values the server sent),
 * anything else as the server said it. */
export function errorWords(code: string, message: string, values?: ErrorValues): string {
  return errorCodeText(code, message, values);
}

/** The line the terminal shows when the link stops; null when nothing needs saying (sign-in ended). */
export function endLine(end: LinkEnd): string | null {
  switch (end.kind) {
    case 'exited':
      return t('connectionClosed');
    case 'ended':
      return t('sessionEndedHere');
    case 'gone':
      return t('sessionGone');
    case 'failed':
      return t('connectionClosed'); // the error's own line, in words, came just before
    case 'ticket':
      return t('ticketFailed', { error: end.message });
    case 'unauthorized':
      return null;
    case 'gaveUp':
      return t('reconnectGaveUp');
  }
}

/** The machine-readable part (`data-code` of `#terminal-detail`): the error code, else the close code. */
export function statusCode(state: LinkState): string {
  if (state.kind !== 'closed') {
    return '';
  }
  const end = state.end;
  if (end.kind === 'failed') {
    return end.errorCode !== '' ? end.errorCode : String(end.code);
  }
  return end.kind === 'exited' ? String(end.code) : end.kind === 'gone' ? '404' : '';
}

function endDetail(end: LinkEnd): string {
  switch (end.kind) {
    case 'exited':
      return closeWhy(end.code, end.reason);
    case 'failed':
      return end.errorCode !== '' ? `${errorWords(end.errorCode, '')} (${end.errorCode})` : closeWhy(end.code, end.reason);
    case 'gone':
      return t('sessionGone');
    case 'ended':
      return t('sessionEndedHere');
    case 'gaveUp':
      return t('reconnectGaveUp');
    case 'ticket':
    case 'unauthorized':
      return '';
  }
}

function closeWhy(code: number, reason: string): string {
  const words = closeCodeText(code) ?? reason;
  return words === '' ? t('closeCode', { code }) : `${t('closeCode', { code })}: ${words}`;
}
