// Admin: an import's answer as a readable report (counts, rejected lines with the reason, names added and updated)
// instead of raw JSON. Long lists show their first entries and say how many more there are.

import { h } from '../dom';
import { t } from '../strings';

/** The most rows one list shows; an import of 100,000 lines would otherwise build 100,000 table rows. */
export const reportRowLimit = 500;

interface CsvLine {
  readonly line: number;
  readonly name: string;
  readonly outcome: string;
  readonly reason: string | null;
}

interface CsvReport {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly lines: readonly CsvLine[];
}

interface KnownHostsReport {
  readonly pinned: number;
  readonly pending: number;
  readonly unchanged: number;
  readonly unmatched: readonly string[];
}

function isCsvReport(value: unknown): value is CsvReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as { lines?: unknown }).lines);
}

function more(total: number): HTMLElement | null {
  return total > reportRowLimit ? h('p', { className: 'muted' }, t('importMore', { count: String(total - reportRowLimit) })) : null;
}

function nameList(title: string, names: readonly string[], className: string): HTMLElement | null {
  if (names.length === 0) {
    return null;
  }
  return h(
    'details',
    { className: `import-list ${className}` },
    h('summary', {}, `${title} (${names.length})`),
    h('p', {}, names.slice(0, reportRowLimit).join(', ')),
    more(names.length),
  );
}

function csvReport(report: CsvReport): HTMLElement {
  const rejected = report.lines.filter((line) => line.outcome === 'rejected');
  const names = (outcome: string): string[] => report.lines.filter((line) => line.outcome === outcome).map((line) => line.name);
  const rows = rejected
    .slice(0, reportRowLimit)
    .map((line) => h('tr', {}, h('td', {}, String(line.line)), h('td', {}, line.name), h('td', {}, line.reason ?? '')));
  return h(
    'div',
    { className: 'import-report' },
    h(
      'p',
      { className: 'import-summary' },
      t('importCsvSummary', {
        added: String(report.added),
        updated: String(report.updated),
        unchanged: String(report.unchanged),
        rejected: String(report.rejected),
      }),
    ),
    rejected.length > 0
      ? h(
          'table',
          { className: 'data-table import-rejected' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, t('importLine')), h('th', { scope: 'col' }, t('fieldName')), h('th', { scope: 'col' }, t('importReason'))),
          ),
          h('tbody', {}, ...rows),
        )
      : null,
    more(rejected.length),
    nameList(t('importAdded'), names('added'), 'import-added'),
    nameList(t('importUpdated'), names('updated'), 'import-updated'),
  );
}

function knownHostsReport(report: KnownHostsReport): HTMLElement {
  return h(
    'div',
    { className: 'import-report' },
    h(
      'p',
      { className: 'import-summary' },
      t('importKnownHostsSummary', { pinned: String(report.pinned), pending: String(report.pending), unchanged: String(report.unchanged) }),
    ),
    nameList(t('importUnmatched'), report.unmatched, 'import-unmatched'),
  );
}

/** The report for the answer of `POST /api/hosts/import/csv` or `/import/known-hosts`. */
export function importReport(result: unknown): HTMLElement {
  return isCsvReport(result) ? csvReport(result) : knownHostsReport(result as KnownHostsReport);
}
