import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../src/apiErrors';
import { problemCode, refusal } from '../src/api/http';
import { problemText, warningText } from '../src/serverText';
import { setLanguage } from '../src/strings';
import { fileErrorText } from '../src/workspace/files/fileErrors';
import { FileError } from '../src/workspace/files/filesApi';
import { copyReasonText, outcomeText } from '../src/workspace/files/sessionTransfers';

afterEach(() => {
  setLanguage('en');
});

// The replies the server sends with a Core/Validation/ReplyCodes code (issue 14), worded in the chosen language.
describe('coded replies', () => {
  const reply = (body: Record<string, unknown>, status = 403): ApiError => new ApiError(status, String(body['error']), ...problemCode(body));

  it('words a reply by its code and fills in its values, in both languages', () => {
    const scope = reply({ error: "this API token lacks the 'admin' scope", code: 'token_scope_missing', args: { scope: 'admin' } });
    expect(problemText(scope)).toBe("this API token lacks the 'admin' scope");
    setLanguage('zh-CN');
    expect(problemText(scope)).toBe('此 API 令牌缺少“admin”权限范围');
    expect(problemText(reply({ error: 'your account at the identity provider…', code: 'sso_not_permitted' }))).toBe('你在身份提供方的账户不属于可使用 Bastion 的组；请联系管理员');
    expect(problemText(reply({ error: 'method', code: 'http_status', args: { status: '418' } }, 418))).toBe('请求失败（HTTP 418）');
  });

  it('words a host-key scan’s connection failure in the chosen language, not SSH’s English inside Chinese words', () => {
    const body = {
      error: 'cannot reach db-1 (10.0.0.9:22): connection refused',
      code: 'host_key_scan_failed',
      args: { error: 'cannot reach db-1 (10.0.0.9:22): connection refused' },
      failure: { code: 'connection_refused', args: { host: 'db-1', address: '10.0.0.9', port: '22' } },
    };
    expect(problemText(reply(body, 502))).toBe('could not read the host key: cannot reach db-1 (10.0.0.9:22): connection refused.');
    setLanguage('zh-CN');
    expect(problemText(reply(body, 502))).toBe('无法读取主机密钥：无法连接 db-1（10.0.0.9:22）：连接被拒绝。');
    expect(problemText(reply({ ...body, failure: { code: 'from_a_newer_server', args: {} } }, 502))).toBe(
      '无法读取主机密钥：cannot reach db-1 (10.0.0.9:22): connection refused',
    );
  });

  it('words a 400 that is not about form fields by its code (a search query), as any other reply', async () => {
    const body = { error: 'q has too many terms: at most 8', code: 'search_query_too_many_terms', args: { max: '8' } };
    const error = await refusal(new Response(JSON.stringify(body), { status: 400 }));
    expect(error).toBeInstanceOf(ValidationError);
    setLanguage('zh-CN');
    expect(problemText(error)).toBe('搜索词过多：最多 8 个');
  });

  it('words a file operation’s reason in the chosen language beside its kind, and the audit event’s reason too', () => {
    const denied = new FileError(403, 'permission_denied', 'permission denied: /etc/shadow', { code: 'file_permission_denied', args: { path: '/etc/shadow' } });
    expect(fileErrorText(denied)).toBe('Permission denied: permission denied: /etc/shadow');
    const event = { outcome: 'permission_denied', reason: 'permission denied: /etc/shadow', reasonCode: 'file_permission_denied', 'reason.path': '/etc/shadow' };
    setLanguage('zh-CN');
    expect(fileErrorText(denied)).not.toContain('permission denied');
    expect(fileErrorText(denied)).toContain('权限不足：/etc/shadow');
    expect(outcomeText('permission_denied', event)).toContain('权限不足：/etc/shadow');
    // An event written before the codes keeps its English reason.
    expect(outcomeText('permission_denied', { reason: 'permission denied: /x' })).toContain('permission denied: /x');
  });

  it('words a limit warning with its seconds, and keeps the server’s message for one it does not know', () => {
    setLanguage('zh-CN');
    expect(warningText('idle_timeout_soon', 'nobody has typed for a while: this session ends in 60 s unless someone types', 60)).toBe(
      '一段时间内无人输入：除非有人输入，此会话将在 60 秒后结束',
    );
    expect(warningText('later_soon', 'a newer warning', 5)).toBe('a newer warning');
  });

  it('keeps the server’s English text for a code the tables lack', () => {
    setLanguage('zh-CN');
    expect(problemText(reply({ error: 'a newer refusal', code: 'not_known_here' }))).toBe('a newer refusal');
  });

  it('words a kept copy’s reason from its code and values, and falls back to the English reason', () => {
    const event = { copyKept: 'false', copyReason: 'the file is larger than Transfer:KeepCopiesMaxFileBytes (1.0 KiB)', copyReasonCode: 'copy_too_large', 'copyReason.limit': '1.0 KiB' };
    expect(copyReasonText(event)).toBe('the file is larger than the kept-copy limit (1.0 KiB)');
    setLanguage('zh-CN');
    expect(copyReasonText(event)).toBe('文件超过留存副本的大小上限（1.0 KiB）');
    expect(copyReasonText({ copyReason: 'an older event' })).toBe('an older event');
  });
});
