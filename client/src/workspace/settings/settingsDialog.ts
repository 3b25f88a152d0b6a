// The terminal settings dialog (issue 14): every change applies at once to the open terminals and the page, and is
// saved for the user on the server (a short pause after the last change), so the next sign-in starts with it.

import './settings.css';
import { h } from '../../dom';
import { lookup, t, type StringKey } from '../../strings';
import type { SettingsStore } from './settingsStore';
import {
  cursorStyles, fontSizeBounds, invalidFields, maxFontFamilyLength, scrollbackBounds, themes, type CursorStyle, type SettingsField,
  type TerminalSettings, type ThemeSetting,
} from './terminalSettings';
import { problemText } from '../../serverText';

const saveDelayMs = 400;

/** A label key without placeholders, chosen at run time. */
const text = (key: StringKey): string => lookup(key) ?? key;

const themeLabels: Readonly<Record<ThemeSetting, StringKey>> = { dark: 'themeDark', light: 'themeLight', system: 'themeSystem' };
const cursorLabels: Readonly<Record<CursorStyle, StringKey>> = { block: 'cursorBlock', underline: 'cursorUnderline', bar: 'cursorBar' };
const fieldErrors: Partial<Record<SettingsField, StringKey>> = {
  fontSize: 'settingsFontSizeError', scrollback: 'settingsScrollbackError', fontFamily: 'settingsFontFamilyError',
};

/** Opens the dialog inside `parent` (the workspace, so it shows over the terminals); it removes itself when done. */
export function openSettingsDialog(parent: HTMLElement, store: SettingsStore): void {
  parent.querySelector('#settings-dialog')?.remove();
  const current = store.settings;
  const fontSize = h('input', { id: 'setting-font-size', type: 'number', min: fontSizeBounds.min, max: fontSizeBounds.max, step: 1, value: current.fontSize });
  const fontFamily = h('input', { id: 'setting-font-family', type: 'text', maxlength: maxFontFamilyLength, value: current.fontFamily, placeholder: t('settingFontFamilyHint') });
  const theme = h('select', { id: 'setting-theme' }, ...themes.map((v) => h('option', { value: v, selected: v === current.theme }, text(themeLabels[v]))));
  const cursor = h('select', { id: 'setting-cursor' }, ...cursorStyles.map((v) => h('option', { value: v, selected: v === current.cursorStyle }, text(cursorLabels[v]))));
  const scrollback = h('input', { id: 'setting-scrollback', type: 'number', min: scrollbackBounds.min, max: scrollbackBounds.max, step: 1000, value: current.scrollback });
  const copyOnSelect = h('input', { id: 'setting-copy-on-select', type: 'checkbox', checked: current.copyOnSelect });
  const status = h('p', { id: 'settings-status', className: 'muted settings-status', role: 'status', 'data-state': 'idle' });
  const done = h('button', { id: 'settings-done', type: 'button', className: 'button primary' }, t('settingsDone'));
  const errors = new Map<SettingsField, HTMLElement>();
  const row = (field: SettingsField, label: StringKey, control: HTMLElement): HTMLElement => {
    const error = h('span', { className: 'field-error', 'data-field': field, hidden: true });
    errors.set(field, error);
    return h('label', { className: 'settings-row' }, h('span', {}, text(label)), control, error);
  };
  const dialog = h('dialog', { id: 'settings-dialog', className: 'workspace-dialog settings-dialog', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, t('settingsTitle')),
    row('fontSize', 'settingFontSize', fontSize),
    row('fontFamily', 'settingFontFamily', fontFamily),
    row('theme', 'settingTheme', theme),
    row('cursorStyle', 'settingCursor', cursor),
    row('scrollback', 'settingScrollback', scrollback),
    h('label', { className: 'settings-row settings-check' }, copyOnSelect, h('span', {}, t('settingCopyOnSelect'))),
    status,
    h('div', { className: 'dialog-actions' }, done));

  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Promise<void> = Promise.resolve();
  const read = (): TerminalSettings => ({
    fontSize: fontSize.valueAsNumber,
    fontFamily: fontFamily.value.trim(),
    theme: theme.value as ThemeSetting,
    cursorStyle: cursor.value as CursorStyle,
    scrollback: scrollback.valueAsNumber,
    copyOnSelect: copyOnSelect.checked,
  });
  const save = (): void => {
    clearTimeout(timer);
    const settings = read();
    const invalid = invalidFields(settings);
    for (const [field, error] of errors) {
      const key = fieldErrors[field];
      error.hidden = !invalid.includes(field);
      error.textContent = invalid.includes(field) && key !== undefined ? text(key) : '';
    }
    if (invalid.length > 0) {
      status.dataset['state'] = 'invalid';
      status.textContent = '';
      return;
    }
    status.dataset['state'] = 'saving';
    timer = setTimeout(() => {
      pending = store.save(settings).then(
        () => {
          status.dataset['state'] = 'saved';
          status.textContent = t('settingsSaved');
        },
        (error: unknown) => {
          status.dataset['state'] = 'failed';
          status.textContent = problemText(error);
        });
    }, saveDelayMs);
  };
  for (const control of [fontSize, fontFamily, scrollback]) {
    control.addEventListener('input', save);
  }
  for (const control of [theme, cursor, copyOnSelect]) {
    control.addEventListener('change', save);
  }
  const close = (): void => {
    if (status.dataset['state'] === 'saving') {
      clearTimeout(timer);
      const settings = read();
      pending = store.save(settings).catch(() => undefined); // closing early still saves the last valid change
    }
    void pending.finally(() => dialog.remove());
    dialog.close();
  };
  done.addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  parent.append(dialog);
  dialog.showModal();
}
