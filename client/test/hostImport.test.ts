import { afterEach, describe, expect, it } from 'vitest';
import { JsonLines, parseImportMessage, progressText, progressValue } from '../src/admin/import/importProgress';
import { parseCsvReport, reasonText, reportCsv, type CsvLine } from '../src/admin/import/importLines';
import { setLanguage } from '../src/strings';

afterEach(() => {
  setLanguage('en');
});

const rejected = (problems: CsvLine['problems'], reason = 'server words'): CsvLine => ({ line: 3, name: 'web-2', outcome: 'rejected', reason, problems });

describe('import progress', () => {
  it('takes only complete lines from a growing stream, each once', () => {
    const lines = new JsonLines();
    expect(lines.take('{"progress":{"phase":"checking","done":0,')).toEqual([]);
    const first = '{"progress":{"phase":"checking","done":0,"total":3}}\n{"progress":{"phase":"wri';
    expect(lines.take(first)).toEqual([{ progress: { phase: 'checking', done: 0, total: 3 } }]);
    const all = first + 'ting","done":3,"total":3}}\n\nnot json\n{"report":{"lines":[]}}\n';
    expect(lines.take(all)).toEqual([{ progress: { phase: 'writing', done: 3, total: 3 } }, { report: { lines: [] } }]);
    expect(lines.take(all)).toEqual([]);
  });

  it('reads progress and report lines and skips others', () => {
    expect(parseImportMessage({ progress: { phase: 'writing', done: 1000, total: 2000 } })).toEqual({
      kind: 'progress',
      progress: { kind: 'server', phase: 'writing', done: 1000, total: 2000 },
    });
    expect(parseImportMessage({ report: { lines: [] } })).toEqual({ kind: 'report', report: { lines: [] } });
    expect(parseImportMessage({ progress: { phase: 'other', done: 1, total: 2 } })).toBeNull();
    expect(parseImportMessage({ progress: { phase: 'checking', done: '1', total: 2 } })).toBeNull();
    expect(parseImportMessage(null)).toBeNull();
  });

  it('reads the error line of an import that failed after its stream began, with its code and values', () => {
    expect(parseImportMessage({ type: 'error', code: 'import_failed', error: 'the import failed', args: { n: '3', bad: 4 } })).toEqual({
      kind: 'error',
      failure: { code: 'import_failed', error: 'the import failed', args: { n: '3' } },
    });
    expect(parseImportMessage({ type: 'error' })).toEqual({ kind: 'error', failure: { code: '', error: '', args: {} } });
  });

  it('says how far the upload, then the server, is, in both languages', () => {
    expect(progressText({ kind: 'upload', sent: 2048, total: 4096 })).toBe('Uploading: 2.0 KiB of 4.0 KiB sent…');
    expect(progressValue({ kind: 'upload', sent: 2048, total: 4096 })).toEqual({ value: 2048, max: 4096 });
    expect(progressValue({ kind: 'waiting' })).toBeNull();
    expect(progressText({ kind: 'server', phase: 'checking', done: 5, total: 9 })).toBe('Checking lines: 5 of 9…');
    expect(progressValue({ kind: 'server', phase: 'writing', done: 5, total: 9 })).toEqual({ value: 5, max: 9 });
    setLanguage('zh-CN');
    expect(progressText({ kind: 'server', phase: 'writing', done: 5, total: 9 })).toBe('正在写入主机：5 / 9 行…');
  });
});

describe('import report', () => {
  it('words each problem from its code and values, in both languages', () => {
    const line = rejected([
      { code: 'invalid_address', args: { column: 'address' } },
      { code: 'invalid_port', args: { column: 'port', min: '1', max: '65535', value: 'x' } },
    ]);
    expect(reasonText(line)).toBe('address: a host name or IP address is required (no spaces); port: the port must be 1 to 65535, not “x”');
    setLanguage('zh-CN');
    expect(reasonText(rejected([{ code: 'name_repeated', args: { name: 'web-1', line: '2' } }]))).toBe('名称 web-1 已出现在第 2 行');
  });

  it('falls back to the server reason for a code it does not know or a value it lacks', () => {
    expect(reasonText(rejected([{ code: 'invalid_name', args: { column: 'name' } }]))).toBe('server words');
    expect(reasonText(rejected([{ code: 'from_a_newer_server', args: {} }]))).toBe('server words');
    expect(reasonText(rejected([]))).toBe('server words');
  });

  it('parses a report tolerantly and downloads it as CSV with quoted, formula-safe cells', () => {
    const report = parseCsvReport({
      added: 1,
      rejected: 1,
      lines: [
        { line: 2, name: 'web-1', outcome: 'added', reason: null },
        { line: 3, name: '=cmd', outcome: 'rejected', reason: 'x', problems: [{ code: 'invalid_name', args: { column: 'name', max: 100, other: '1' } }, 'junk'] },
        'junk',
      ],
    });
    expect(report?.lines).toHaveLength(2);
    expect(report?.lines[1]?.problems).toEqual([{ code: 'invalid_name', args: { column: 'name', other: '1' } }]);
    expect(parseCsvReport({ pinned: 1 })).toBeNull();
    expect(reportCsv(report!)).toBe("line,name,outcome,reason\n2,web-1,added,\n3,'=cmd,rejected,x\n");
  });
});
