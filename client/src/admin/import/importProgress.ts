// Admin → Hosts → Import: how far an import is (issue 14). First the upload (bytes sent, from XMLHttpRequest), then
// the server's own progress lines (`POST /api/hosts/import/csv` with `Accept: application/x-ndjson`: lines checked,
// then lines written, of the total), then the report, which is the stream's last line.

import { formatBytes } from '../../review/format';
import { getLanguage, t } from '../../strings';

export type ImportProgress =
  | { readonly kind: 'upload'; readonly sent: number; readonly total: number }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'server'; readonly phase: 'checking' | 'writing'; readonly done: number; readonly total: number };

/** The stream's last line when the import failed after the stream began: the problem's code (server
 * `Core/Validation/ReplyCodes`: `import_failed`, `storage_full`), its English text and its values. */
export interface ImportFailure {
  readonly code: string;
  readonly error: string;
  readonly args: Readonly<Record<string, string>>;
}

/** One line of the server's stream: progress, the final report (left for importReport to read), or the failure. */
export type ImportMessage =
  | { readonly kind: 'progress'; readonly progress: ImportProgress }
  | { readonly kind: 'report'; readonly report: unknown }
  | { readonly kind: 'error'; readonly failure: ImportFailure };

/** A tolerant read of one stream line; null for anything else (a newer server's line kinds are skipped). */
export function parseImportMessage(value: unknown): ImportMessage | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const raw = value as Record<string, unknown>;
  if (raw['type'] === 'error') {
    return { kind: 'error', failure: { code: typeof raw['code'] === 'string' ? raw['code'] : '', error: typeof raw['error'] === 'string' ? raw['error'] : '', args: stringValues(raw['args']) } };
  }
  if (raw['report'] !== undefined && raw['report'] !== null) {
    return { kind: 'report', report: raw['report'] };
  }
  const progress = raw['progress'];
  if (typeof progress !== 'object' || progress === null) {
    return null;
  }
  const p = progress as Record<string, unknown>;
  const phase = p['phase'];
  const done = p['done'];
  const total = p['total'];
  if ((phase !== 'checking' && phase !== 'writing') || typeof done !== 'number' || typeof total !== 'number') {
    return null;
  }
  return { kind: 'progress', progress: { kind: 'server', phase, done, total } };
}

function stringValues(value: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [name, arg] of Object.entries(value as Record<string, unknown>)) {
      if (typeof arg === 'string') {
        values[name] = arg;
      }
    }
  }
  return values;
}

/** Splits a growing response text into its complete JSON lines; each call returns the lines completed since the
 * last one (a line still being received waits for its newline). */
export class JsonLines {
  private _offset = 0;

  take(text: string): unknown[] {
    const values: unknown[] = [];
    for (;;) {
      const end = text.indexOf('\n', this._offset);
      if (end < 0) {
        return values;
      }
      const line = text.slice(this._offset, end).trim();
      this._offset = end + 1;
      if (line !== '') {
        try {
          values.push(JSON.parse(line) as unknown);
        } catch {
          // Not JSON (a proxy's page?): skipped; a stream without a report is reported as such.
        }
      }
    }
  }
}

/** The words for where the import is, in the current language. */
export function progressText(progress: ImportProgress): string {
  switch (progress.kind) {
    case 'upload':
      return t('importUploading', { sent: formatBytes(progress.sent), total: formatBytes(progress.total) });
    case 'waiting':
      return t('importWaiting');
    case 'server':
      return t(progress.phase === 'checking' ? 'importChecking' : 'importWriting', {
        done: progress.done.toLocaleString(getLanguage()),
        total: progress.total.toLocaleString(getLanguage()),
      });
  }
}

/** The bar's value and maximum; null while the amount is unknown (the bar then just moves). */
export function progressValue(progress: ImportProgress): { readonly value: number; readonly max: number } | null {
  switch (progress.kind) {
    case 'upload':
      return progress.total > 0 ? { value: progress.sent, max: progress.total } : null;
    case 'waiting':
      return null;
    case 'server':
      return progress.total > 0 ? { value: progress.done, max: progress.total } : null;
  }
}
