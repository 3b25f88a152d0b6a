// Admin: an import's answer as a readable report instead of raw JSON: the counts first, then the rejected lines with
// their reason in the user's language, then the names added, updated and left unchanged. Every list shows a page at a
// time with a "show more" button, so a report of 100,000 lines builds a few hundred rows; the whole report downloads as CSV.

import { h, saveFile } from '../dom';
import { formatNumber } from '../serverText';
import { t } from '../strings';
import { button } from './form';
import { parseCsvReport, reasonText, reportCsv, reportPageSize, type CsvLine, type CsvReport } from './import/importLines';

interface KnownHostsReport {
  readonly pinned: number;
  readonly pending: number;
  readonly unchanged: number;
  readonly unmatched: readonly string[];
}

/** `items` rendered a page at a time into `into`, with a button below that adds the next page while any are left. */
function paged<T>(into: HTMLElement, items: readonly T[], render: (items: readonly T[]) => Node[], pageSize: number, className: string): HTMLElement {
  let shown = 0;
  const more = button('', 'ghost', () => {
    next();
  });
  more.classList.add('import-more', className);
  const next = (): void => {
    into.append(...render(items.slice(shown, shown + pageSize)));
    shown = Math.min(items.length, shown + pageSize);
    const left = items.length - shown;
    more.hidden = left === 0;
    more.textContent = t('importShowMore', { count: formatNumber(Math.min(left, pageSize)), left: formatNumber(left) });
  };
  next();
  return more;
}

function nameList(title: string, names: readonly string[], className: string): HTMLElement | null {
  if (names.length === 0) {
    return null;
  }
  const list = h('p', { className: 'import-names' });
  // Names joined by commas: a page adds its names to the same paragraph.
  const render = (page: readonly string[]): Node[] => [document.createTextNode((list.textContent === '' ? '' : ', ') + page.join(', '))];
  return h(
    'details',
    { className: `import-list ${className}` },
    h('summary', {}, `${title} (${formatNumber(names.length)})`),
    list,
    paged(list, names, render, reportPageSize * 5, `${className}-more`),
  );
}

function rejectedTable(rejected: readonly CsvLine[]): HTMLElement[] {
  if (rejected.length === 0) {
    return [];
  }
  const body = h('tbody', {});
  const render = (page: readonly CsvLine[]): Node[] =>
    page.map((line) => h('tr', { className: 'import-rejected-row' }, h('td', {}, String(line.line)), h('td', {}, line.name), h('td', {}, reasonText(line))));
  return [
    h(
      'table',
      { className: 'data-table import-rejected' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('importLine')), h('th', { scope: 'col' }, t('fieldName')), h('th', { scope: 'col' }, t('importReason')))),
      body,
    ),
    paged(body, rejected, render, reportPageSize, 'import-rejected-more'),
  ];
}

function csvReport(report: CsvReport): HTMLElement {
  const rejected = report.lines.filter((line) => line.outcome === 'rejected');
  const names = (outcome: string): string[] => report.lines.filter((line) => line.outcome === outcome).map((line) => line.name);
  const download = button(t('importDownload'), 'ghost', () => {
    saveFile(new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }), 'import-report.csv');
  });
  download.classList.add('import-download');
  return h(
    'div',
    { className: 'import-report' },
    h(
      'p',
      { className: 'import-summary' },
      t('importCsvSummary', {
        added: formatNumber(report.added),
        updated: formatNumber(report.updated),
        unchanged: formatNumber(report.unchanged),
        rejected: formatNumber(report.rejected),
      }),
    ),
    h('div', { className: 'form-actions' }, download),
    ...rejectedTable(rejected),
    nameList(t('importAdded'), names('added'), 'import-added'),
    nameList(t('importUpdated'), names('updated'), 'import-updated'),
    nameList(t('importUnchanged'), names('unchanged'), 'import-unchanged'),
  );
}

function knownHostsReport(report: KnownHostsReport): HTMLElement {
  return h(
    'div',
    { className: 'import-report' },
    h(
      'p',
      { className: 'import-summary' },
      t('importKnownHostsSummary', { pinned: formatNumber(report.pinned), pending: formatNumber(report.pending), unchanged: formatNumber(report.unchanged) }),
    ),
    nameList(t('importUnmatched'), report.unmatched, 'import-unmatched'),
  );
}

/** The report for the answer of `POST /api/hosts/import/csv` or `/import/known-hosts`. */
export function importReport(result: unknown): HTMLElement {
  const csv = parseCsvReport(result);
  return csv !== null ? csvReport(csv) : knownHostsReport(result as KnownHostsReport);
}
