// The user's terminal settings (issue 14), as `/api/me/settings` holds them, and how they map onto xterm.js options and
// the page's theme. Pure: the bounds here mirror the server's (Core/Settings/UserSettingsRules), so the dialog can say
// what is wrong before saving, and a value the server never sent (an older server, a bad reply) falls back to default.

import type { ITerminalOptions, ITheme } from '@xterm/xterm';

export const themes = ['dark', 'light', 'system'] as const;
export type ThemeSetting = (typeof themes)[number];
export type PageTheme = 'dark' | 'light';

export const cursorStyles = ['block', 'underline', 'bar'] as const;
export type CursorStyle = (typeof cursorStyles)[number];

export const fontSizeBounds = { min: 8, max: 32 } as const;
export const scrollbackBounds = { min: 0, max: 100_000 } as const;
export const maxFontFamilyLength = 200;

export interface TerminalSettings {
  readonly fontSize: number;
  /** A CSS font-family list; empty for the default stack. */
  readonly fontFamily: string;
  readonly theme: ThemeSetting;
  readonly cursorStyle: CursorStyle;
  readonly scrollback: number;
  readonly copyOnSelect: boolean;
}

export const defaultSettings: TerminalSettings = {
  fontSize: 14,
  fontFamily: '',
  theme: 'dark',
  cursorStyle: 'block',
  scrollback: 10_000,
  copyOnSelect: false,
};

export const defaultFontFamily = '"JetBrains Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';

// Letters and digits of any script, spaces, commas, quotes, - _ . : nothing that could end a CSS value.
const fontFamilyPattern = /^[\p{L}\p{N} ,"'\-_.]*$/u;

export type SettingsField = keyof TerminalSettings;

/** The fields of `settings` that are out of bounds (empty when all are valid), named as the API names them. */
export function invalidFields(settings: TerminalSettings): SettingsField[] {
  const invalid: SettingsField[] = [];
  if (!inRange(settings.fontSize, fontSizeBounds)) {
    invalid.push('fontSize');
  }
  if (!isFontFamily(settings.fontFamily)) {
    invalid.push('fontFamily');
  }
  if (!(themes as readonly string[]).includes(settings.theme)) {
    invalid.push('theme');
  }
  if (!(cursorStyles as readonly string[]).includes(settings.cursorStyle)) {
    invalid.push('cursorStyle');
  }
  if (!inRange(settings.scrollback, scrollbackBounds)) {
    invalid.push('scrollback');
  }
  return invalid;
}

export function isFontFamily(value: string): boolean {
  return value.length <= maxFontFamilyLength && fontFamilyPattern.test(value);
}

/** The server's JSON as settings: each field that is missing or out of bounds gets its default. */
export function parseSettings(value: unknown): TerminalSettings {
  const body = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const fontSize = body['fontSize'];
  const fontFamily = body['fontFamily'];
  const theme = body['theme'];
  const cursorStyle = body['cursorStyle'];
  const scrollback = body['scrollback'];
  const copyOnSelect = body['copyOnSelect'];
  return {
    fontSize: typeof fontSize === 'number' && inRange(fontSize, fontSizeBounds) ? fontSize : defaultSettings.fontSize,
    fontFamily: typeof fontFamily === 'string' && isFontFamily(fontFamily) ? fontFamily : defaultSettings.fontFamily,
    theme: typeof theme === 'string' && (themes as readonly string[]).includes(theme) ? (theme as ThemeSetting) : defaultSettings.theme,
    cursorStyle: typeof cursorStyle === 'string' && (cursorStyles as readonly string[]).includes(cursorStyle) ? (cursorStyle as CursorStyle) : defaultSettings.cursorStyle,
    scrollback: typeof scrollback === 'number' && inRange(scrollback, scrollbackBounds) ? scrollback : defaultSettings.scrollback,
    copyOnSelect: typeof copyOnSelect === 'boolean' ? copyOnSelect : defaultSettings.copyOnSelect,
  };
}

/** `system` follows the browser's `prefers-color-scheme`. */
export function pageTheme(theme: ThemeSetting, prefersDark: boolean): PageTheme {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

export const terminalThemes: Readonly<Record<PageTheme, ITheme>> = {
  dark: { background: '#0b0e14', foreground: '#d5dae3', cursor: '#e6edf3', cursorAccent: '#0b0e14', selectionBackground: '#2f4a75' },
  light: {
    background: '#fbfcfe', foreground: '#1f2430', cursor: '#1f2430', cursorAccent: '#fbfcfe', selectionBackground: '#b7cdf5',
    // The 16 ANSI colours, darkened enough to read on white (xterm's defaults are made for a dark background).
    black: '#1f2430', red: '#c62828', green: '#2e7d32', yellow: '#8a6d00', blue: '#1e5bc6', magenta: '#8e3ab5', cyan: '#00768a', white: '#6b7280',
    brightBlack: '#4b5563', brightRed: '#d32f2f', brightGreen: '#388e3c', brightYellow: '#9e7c00', brightBlue: '#2f6fdb', brightMagenta: '#9c4dcc', brightCyan: '#00838f', brightWhite: '#374151',
  },
};

/** The xterm.js options these settings set (applied at creation and again, live, on every change). */
export function terminalOptions(settings: TerminalSettings, theme: PageTheme): ITerminalOptions {
  return {
    fontSize: settings.fontSize,
    fontFamily: settings.fontFamily.trim() === '' ? defaultFontFamily : settings.fontFamily,
    cursorStyle: settings.cursorStyle,
    scrollback: settings.scrollback,
    theme: terminalThemes[theme],
  };
}

function inRange(value: number, bounds: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}
