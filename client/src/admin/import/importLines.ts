// Admin → Hosts → Import: the CSV import's report (`POST /api/hosts/import/csv`, docs/INVENTORY.md) read tolerantly,
// each rejected line's reason in the user's language (its `problems`: a code and the values it names, words
// `importReason_<code>` in the string tables; a code this client does not know shows the server's English reason),
// and the whole report as a CSV file to download.

import { lookup } from '../../strings';

/** Rows a list shows at first and adds per "show more": an import of 100,000 lines never builds 100,000 rows. */
export const reportPageSize = 100;

export interface ImportProblem {
  readonly code: string;
  readonly args: Readonly<Record<string, string>>;
}

export interface CsvLine {
  readonly line: number;
  readonly name: string;
  readonly outcome: string;
  readonly reason: string | null;
  readonly problems: readonly ImportProblem[];
}

export interface CsvReport {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly lines: readonly CsvLine[];
}

function problemOf(value: unknown): ImportProblem | null {
  if (typeof value !== 'object' || value === null || typeof (value as { code?: unknown }).code !== 'string') {
    return null;
  }
  const args: Record<string, string> = {};
  const raw = (value as { args?: unknown }).args;
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, arg] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof arg === 'string') {
        args[key] = arg;
      }
    }
  }
  return { code: (value as { code: string }).code, args };
}

function lineOf(value: unknown): CsvLine | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const raw = value as Record<string, unknown>;
  const problems = Array.isArray(raw['problems']) ? raw['problems'].flatMap((p) => problemOf(p) ?? []) : [];
  return {
    line: typeof raw['line'] === 'number' ? raw['line'] : 0,
    name: typeof raw['name'] === 'string' ? raw['name'] : '',
    outcome: typeof raw['outcome'] === 'string' ? raw['outcome'] : '',
    reason: typeof raw['reason'] === 'string' ? raw['reason'] : null,
    problems,
  };
}

/** The CSV report, or null when `value` is not one (the known_hosts import answers another shape). */
export function parseCsvReport(value: unknown): CsvReport | null {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { lines?: unknown }).lines)) {
    return null;
  }
  const raw = value as Record<string, unknown>;
  const count = (key: string): number => (typeof raw[key] === 'number' ? raw[key] : 0);
  return {
    added: count('added'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected: count('rejected'),
    lines: (raw['lines'] as unknown[]).flatMap((l) => lineOf(l) ?? []),
  };
}

/** One problem in the current language with its values filled in; undefined when the table has no words for it or
 * the server did not send a value the words name. */
export function problemText(problem: ImportProblem): string | undefined {
  const words = lookup(`importReason_${problem.code}`);
  let missing = 0;
  const text = words?.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = problem.args[name];
    if (value === undefined) {
      missing++;
    }
    return value ?? whole;
  });
  return missing === 0 ? text : undefined;
}

/** Why a line was rejected, in the current language: its problems' words joined, or, if any problem has no words
 * here (a newer server), the server's English reason. */
export function reasonText(line: CsvLine): string {
  const texts = line.problems.map(problemText);
  if (texts.length > 0 && texts.every((text) => text !== undefined)) {
    return texts.join('; ');
  }
  return line.reason ?? '';
}

/** RFC 4180 quoting; a leading = + - @ gets a ' so a spreadsheet does not run it (as the server's export does). */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole report as CSV: line, name, outcome, and the reason in the current language. */
export function reportCsv(report: CsvReport): string {
  const rows = report.lines.map((l) => [String(l.line), cell(l.name), l.outcome, cell(l.outcome === 'rejected' ? reasonText(l) : '')].join(','));
  return ['line,name,outcome,reason', ...rows].join('\n') + '\n';
}
