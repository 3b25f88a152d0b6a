// What the panel says for each file transfer code from the server (Core/Transfer/TransferCodes), in the user's
// language, followed by the detail: the reply's coded `reason` (Core/Validation/ReplyCodes `file_…`: the path, the
// host's own words) in the user's language too, else the server's English message.

import { failureDetailText } from '../../serverText';
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

/** A failed file operation's detail in the user's language: its coded reason with the values filled in (an `{error}`
 * that is a connection failure worded too), else the server's message. */
export function fileErrorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof FileError)) {
    return message;
  }
  const failure = failureDetailText(error.problemFailure);
  const reason = error.problemReason;
  const words = reason === null ? undefined : lookup(`problem_${reason.code}`);
  if (reason === null || words === undefined) {
    return failure ?? message;
  }
  const values: Readonly<Record<string, string>> = failure === undefined ? reason.args : { ...reason.args, error: failure };
  return words.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function fileErrorText(error: unknown): string {
  const message = fileErrorDetail(error);
  const code = fileErrorCode(error);
  const key = keys[code];
  // Not a transfer code: a reply every endpoint may give (the session ended: file_session_not_running), in words.
  if (code === 'cancelled') {
    // The browser's own abort: its message is the same word again ("Cancelled: Cancelled").
    return t('filesCancelled');
  }
  return key === undefined ? (code === '' ? undefined : lookup(`problem_${code}`)) ?? message : `${t(key)}: ${message}`;
}
