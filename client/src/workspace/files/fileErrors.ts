// What the panel says for each file transfer code from the server (Core/Transfer/TransferCodes), in the user's
// language, followed by the server's detail (the path, the host's reason).

import { lookup, t } from '../../strings';
import { FileError } from './filesApi';

type ErrorKey = 'filesErrNotAllowed' | 'filesErrPermission' | 'filesErrNotFound' | 'filesErrExists' | 'filesErrNoSpace'
  | 'filesErrTooLarge' | 'filesErrBadPath' | 'filesErrUnavailable' | 'filesCancelled' | 'filesErrHost';

const keys: Readonly<Record<string, ErrorKey>> = {
  transfer_not_allowed: 'filesErrNotAllowed',
  permission_denied: 'filesErrPermission',
  not_found: 'filesErrNotFound',
  exists: 'filesErrExists',
  no_space: 'filesErrNoSpace',
  too_large: 'filesErrTooLarge',
  bad_path: 'filesErrBadPath',
  sftp_unavailable: 'filesErrUnavailable',
  cancelled: 'filesCancelled',
  host_error: 'filesErrHost',
};

/** The words for a transfer code (an audit event's `outcome`), or undefined for a code this table does not know. */
export function fileCodeWords(code: string): string | undefined {
  const key = keys[code];
  return key === undefined ? undefined : t(key);
}

export function fileErrorCode(error: unknown): string {
  return error instanceof FileError ? error.code : '';
}

export function fileErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = fileErrorCode(error);
  const key = keys[code];
  // Not a transfer code: a reply every endpoint may give (the session ended: file_session_not_running), in words.
  if (code === 'cancelled') {
    // The browser's own abort: its message is the same word again ("Cancelled: Cancelled").
    return t('filesCancelled');
  }
  return key === undefined ? (code === '' ? undefined : lookup(`problem_${code}`)) ?? message : `${t(key)}: ${message}`;
}
