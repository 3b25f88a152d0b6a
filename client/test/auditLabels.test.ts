import { afterEach, describe, expect, it } from 'vitest';
import { eventTypeLabel, fieldLabel, outcomeLabel, reasonLabel } from '../src/review/auditLabels';
import { lookup, setLanguage } from '../src/strings';

describe('audit labels', () => {
  afterEach(() => {
    setLanguage('en');
  });

  it('names types, reasons and fields in the current language', () => {
    expect(eventTypeLabel('session.ended')).toBe('Session ended');
    expect(reasonLabel('idle_timeout')).toBe('idle timeout');
    expect(fieldLabel('exit_status')).toBe('Exit status');
    setLanguage('zh-CN');
    expect(eventTypeLabel('session.ended')).toBe('会话结束');
    expect(reasonLabel('killed')).toBe('管理员终止');
    expect(fieldLabel('reason')).toBe('原因');
  });

  it('names a file event’s fields and outcome in the current language', () => {
    expect([fieldLabel('durationMs'), fieldLabel('sha256'), outcomeLabel('ok'), outcomeLabel('permission_denied')]).toEqual(['Duration (ms)', 'SHA-256', 'done', 'permission denied']);
    setLanguage('zh-CN');
    expect([fieldLabel('path'), fieldLabel('copyReason'), outcomeLabel('ok'), outcomeLabel('transfer_not_allowed')]).toEqual(['路径', '未留存副本的原因', '完成', expect.any(String)]);
    expect(outcomeLabel('transfer_not_allowed')).not.toBe('transfer_not_allowed');
  });

  it('shows a value it does not know as it is', () => {
    expect(eventTypeLabel('future.thing')).toBe('future.thing');
    expect(reasonLabel('some_new_reason')).toBe('some_new_reason');
    expect(fieldLabel('hostId')).toBe('hostId');
    expect(lookup('constructor')).toBeUndefined();
  });
});
