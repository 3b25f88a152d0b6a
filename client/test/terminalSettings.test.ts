import { describe, expect, it } from 'vitest';
import {
  defaultFontFamily, defaultSettings, invalidFields, pageTheme, parseSettings, terminalOptions, terminalThemes, type TerminalSettings,
} from '../src/workspace/settings/terminalSettings';
import { isWebLink } from '../src/workspace/webLinks';

const valid: TerminalSettings = { fontSize: 20, fontFamily: '"Noto Sans Mono", monospace', theme: 'light', cursorStyle: 'bar', scrollback: 500, copyOnSelect: true };

describe('terminal settings', () => {
  it('takes every field of a valid server reply as it is', () => {
    expect(parseSettings({ ...valid })).toEqual(valid);
  });

  it('falls back to the default for each missing, mistyped or out-of-bounds field', () => {
    expect(parseSettings(null)).toEqual(defaultSettings);
    expect(parseSettings({ fontSize: 7, scrollback: 100_001, theme: 'solarized', cursorStyle: 'beam', fontFamily: 'x; color: red', copyOnSelect: 'yes' }))
      .toEqual(defaultSettings);
    expect(parseSettings({ fontSize: 12.5 }).fontSize).toBe(defaultSettings.fontSize);
    expect(parseSettings({ fontSize: '20' }).fontSize).toBe(defaultSettings.fontSize);
    expect(parseSettings({ fontSize: 32, scrollback: 0 })).toMatchObject({ fontSize: 32, scrollback: 0 });
  });

  it('names the fields out of bounds, with the same bounds as the server', () => {
    expect(invalidFields(valid)).toEqual([]);
    expect(invalidFields({ ...valid, fontSize: 8 })).toEqual([]);
    expect(invalidFields({ ...valid, fontSize: 33, scrollback: -1 })).toEqual(['fontSize', 'scrollback']);
    expect(invalidFields({ ...valid, fontSize: Number.NaN })).toEqual(['fontSize']);
    expect(invalidFields({ ...valid, fontFamily: 'a'.repeat(201) })).toEqual(['fontFamily']);
    expect(invalidFields({ ...valid, fontFamily: 'Sarasa Mono SC, 等距更纱黑体' })).toEqual([]);
    for (const bad of ['mono; background: red', 'x</style>', 'url(x)', 'a{b}', 'a\\b']) {
      expect(invalidFields({ ...valid, fontFamily: bad })).toEqual(['fontFamily']);
    }
  });

  it('maps onto xterm options: the default font stack for an empty family, the theme as resolved', () => {
    const options = terminalOptions({ ...valid, fontFamily: '  ' }, 'light');
    expect(options).toMatchObject({ fontSize: 20, cursorStyle: 'bar', scrollback: 500, fontFamily: defaultFontFamily });
    expect(options.theme).toBe(terminalThemes.light);
    expect(terminalOptions(valid, 'dark').fontFamily).toBe(valid.fontFamily);
  });

  it('follows the system only for "system"', () => {
    expect(pageTheme('system', true)).toBe('dark');
    expect(pageTheme('system', false)).toBe('light');
    expect(pageTheme('dark', false)).toBe('dark');
    expect(pageTheme('light', true)).toBe('light');
  });
});

describe('web links', () => {
  it('opens only absolute http and https URLs', () => {
    expect(isWebLink('https://example.com/a?b=c')).toBe(true);
    expect(isWebLink('http://10.0.0.1:8080/')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com/', 'data:text/html,x', 'vbscript:x', '//example.com', 'example.com']) {
      expect(isWebLink(bad)).toBe(false);
    }
  });
});
