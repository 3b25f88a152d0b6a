// The extra-keys bar under the terminal (issue 14): Esc, Tab, sticky Ctrl and Alt, arrows. Shown on coarse pointers
// (a phone, a tablet) or when toggled; it sends to whichever tab is shown. Its buttons never take the focus, so the
// on-screen keyboard stays open while they are tapped.

import { h } from '../../dom';
import { t } from '../../strings';
import { keySequence, modifyInput, noModifiers, type ExtraKey, type Modifiers } from './extraKeys';

export interface ExtraKeysTarget {
  /** Sends `data` as typed input to the shown terminal. */
  send(data: string): void;
  /** The shown terminal is in application cursor mode (DECCKM). */
  applicationCursor(): boolean;
}

const keys: readonly { readonly key: ExtraKey | 'ctrl' | 'alt'; readonly label: string }[] = [
  { key: 'escape', label: 'Esc' },
  { key: 'tab', label: 'Tab' },
  { key: 'ctrl', label: 'Ctrl' },
  { key: 'alt', label: 'Alt' },
  { key: 'left', label: '←' },
  { key: 'up', label: '↑' },
  { key: 'down', label: '↓' },
  { key: 'right', label: '→' },
];

export class ExtraKeysBar {
  readonly element = h('div', { id: 'extra-keys', className: 'extra-keys', role: 'toolbar' });
  private readonly _ctrl: HTMLButtonElement;
  private readonly _alt: HTMLButtonElement;
  private _modifiers: Modifiers = noModifiers;

  constructor(private readonly _target: ExtraKeysTarget) {
    const buttons = keys.map(({ key, label }) => {
      const button = h('button', { type: 'button', className: 'extra-key', 'data-key': key }, label);
      // pointerdown, not click: the terminal keeps the focus (and the phone its keyboard).
      button.addEventListener('pointerdown', (event) => {
        event.preventDefault();
        this.press(key);
      });
      button.addEventListener('click', (event) => {
        if (event.detail === 0) {
          this.press(key); // a keyboard or assistive "click" has no pointerdown before it
        }
      });
      return button;
    });
    this.element.append(...buttons);
    this._ctrl = buttons[2] as HTMLButtonElement;
    this._alt = buttons[3] as HTMLButtonElement;
    this.retranslate();
    this.render();
  }

  get modifiers(): Modifiers {
    return this._modifiers;
  }

  retranslate(): void {
    this.element.setAttribute('aria-label', t('keysLabel'));
  }

  /** Typed input through the sticky modifiers, which it uses up. */
  consume(data: string): string {
    if (!this._modifiers.ctrl && !this._modifiers.alt) {
      return data;
    }
    const modified = modifyInput(data, this._modifiers);
    this.setModifiers(noModifiers);
    return modified;
  }

  private press(key: ExtraKey | 'ctrl' | 'alt'): void {
    if (key === 'ctrl' || key === 'alt') {
      this.setModifiers({ ...this._modifiers, [key]: !this._modifiers[key] });
      return;
    }
    this._target.send(keySequence(key, this._modifiers, this._target.applicationCursor()));
    this.setModifiers(noModifiers);
  }

  private setModifiers(modifiers: Modifiers): void {
    this._modifiers = modifiers;
    this.render();
  }

  private render(): void {
    this._ctrl.setAttribute('aria-pressed', String(this._modifiers.ctrl));
    this._alt.setAttribute('aria-pressed', String(this._modifiers.alt));
  }
}
