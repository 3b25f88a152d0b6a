// The bytes the extra-keys bar sends (issue 14): a phone's keyboard has no Esc, Tab, Ctrl, Alt or arrows. Ctrl and
// Alt are sticky: tapped once they modify the next key, from the bar or from the keyboard, then let go. Pure, so the
// sequences are unit-tested; they are xterm's own (a VT220/xterm host expects nothing else).

export type ExtraKey = 'escape' | 'tab' | 'up' | 'down' | 'left' | 'right';

export interface Modifiers {
  readonly ctrl: boolean;
  readonly alt: boolean;
}

export const noModifiers: Modifiers = { ctrl: false, alt: false };

const arrowFinal: Readonly<Record<'up' | 'down' | 'left' | 'right', string>> = { up: 'A', down: 'B', right: 'C', left: 'D' };

/**
 * The sequence of `key` with `modifiers`. Arrows follow DECCKM (`applicationCursor`: `ESC O A` instead of `ESC [ A`,
 * as vim and less ask for) and take xterm's modifier parameter when modified (`ESC [ 1 ; 5 A` for Ctrl+Up).
 */
export function keySequence(key: ExtraKey, modifiers: Modifiers, applicationCursor: boolean): string {
  switch (key) {
    case 'escape':
      return modifiers.alt ? '\x1b\x1b' : '\x1b';
    case 'tab':
      return modifiers.alt ? '\x1b\t' : '\t';
    default: {
      const final = arrowFinal[key];
      const parameter = 1 + (modifiers.alt ? 2 : 0) + (modifiers.ctrl ? 4 : 0);
      if (parameter > 1) {
        return `\x1b[1;${parameter}${final}`;
      }
      return applicationCursor ? `\x1bO${final}` : `\x1b[${final}`;
    }
  }
}

/** What typed `data` becomes under sticky `modifiers`: Ctrl makes a control character of one key, Alt prefixes ESC. */
export function modifyInput(data: string, modifiers: Modifiers): string {
  if (!modifiers.ctrl && !modifiers.alt) {
    return data;
  }
  let text = data;
  if (modifiers.ctrl && data.length === 1) {
    text = controlCharacter(data) ?? data;
  }
  return modifiers.alt ? `\x1b${text}` : text;
}

/** Ctrl+key as a terminal sends it: letters and `@[\]^_` to 0x00–0x1f, space to NUL, `?` to DEL; others unchanged. */
export function controlCharacter(key: string): string | null {
  if (key === ' ' || key === '2') {
    return '\x00';
  }
  if (key === '?') {
    return '\x7f';
  }
  const code = key.toUpperCase().charCodeAt(0);
  if (key.length === 1 && code >= 0x40 && code <= 0x5f) {
    return String.fromCharCode(code & 0x1f);
  }
  return null;
}
