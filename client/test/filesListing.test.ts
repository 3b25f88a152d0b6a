import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../src/strings';
import { truncatedText } from '../src/workspace/files/filePanel';

afterEach(() => {
  setLanguage('en');
});

// A truncated listing says how many of how many entries it shows; when the server stopped counting
// (Transfer:MaxListCount) it says "more than", in both languages and their number formats.
describe('truncated listing', () => {
  const entries = Array.from({ length: 5000 }, () => ({}) as never);

  it('says how many of how many, or of more than how many', () => {
    expect(truncatedText({ entries, total: 5012 })).toBe('Showing 5,000 of 5,012 entries; type a path above to open one that is not listed.');
    expect(truncatedText({ entries, total: 50000, totalCapped: true })).toBe(
      'Showing 5,000 of more than 50,000 entries; type a path above to open one that is not listed.',
    );
    setLanguage('zh-CN');
    expect(truncatedText({ entries, total: 50000, totalCapped: true })).toBe('共有超过 50,000 项，显示其中 5,000 项；要打开未列出的项，请在上方输入路径。');
  });
});
