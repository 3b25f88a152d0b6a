import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/apiErrors';
import { problemCode } from '../src/api/http';
import { problemText } from '../src/serverText';
import { setLanguage } from '../src/strings';
import { copyReasonText } from '../src/workspace/files/sessionTransfers';

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
