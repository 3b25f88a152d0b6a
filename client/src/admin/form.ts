// Form building blocks of the admin pages: labelled fields with an error line each, filled from the API's
// ValidationProblem so every message sits next to the field it concerns.

import type { ApiClient } from '../api';
import { ValidationError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import { problemText } from '../serverText';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface TabContext {
  readonly api: ApiClient;
  readonly signal: AbortSignal;
  /** Shows a short message in the page's status line. */
  notify(message: string, isError?: boolean): void;
  /** Tells the page how many host keys wait for review (the count on the Pending keys tab). */
  pendingKeys?(count: number): void;
}

export class Form {
  readonly element: HTMLFormElement;
  private readonly _errors = new Map<string, HTMLElement>();
  private readonly _general: HTMLElement;

  constructor(readonly prefix: string, title: string) {
    this._general = h('p', { id: `${prefix}-error`, className: 'form-error', role: 'alert', hidden: true });
    this.element = h('form', { id: `${prefix}-form`, className: 'admin-form panel', novalidate: true }, h('h2', {}, title));
  }

  /** Adds a labelled control; its id is `<prefix>-<name>` and its error line `<prefix>-<name>-error`. */
  add<T extends Control>(name: string, label: string, control: T, hint?: string): T {
    control.id = `${this.prefix}-${name}`;
    control.setAttribute('name', name);
    const error = h('span', { id: `${this.prefix}-${name}-error`, className: 'field-error', hidden: true });
    this._errors.set(name, error);
    const isCheckbox = control instanceof HTMLInputElement && control.type === 'checkbox';
    this.element.append(
      h(
        'div',
        { className: isCheckbox ? 'field checkbox' : 'field' },
        h('label', { for: control.id }, label),
        control,
        hint ? h('span', { className: 'hint muted' }, hint) : null,
        error,
      ),
    );
    return control;
  }

  /** Adds checkboxes that belong together (a user's roles) as one group across the form's width, with a legend and
   * each box before its label; a box's id is `<prefix>-<name>` as with {@link add}. Returns each item with its box. */
  addChoices<T>(legend: string, items: readonly T[], name: (item: T) => string, label: (item: T) => string): (readonly [T, HTMLInputElement])[] {
    const choices = items.map((item) => [item, h('input', { type: 'checkbox', id: `${this.prefix}-${name(item)}`, name: name(item) })] as const);
    this.element.append(
      h(
        'fieldset',
        { className: 'field choices', id: `${this.prefix}-choices` },
        h('legend', {}, legend),
        ...choices.map(([item, box]) => h('div', { className: 'choice' }, box, h('label', { for: box.id }, label(item)))),
      ),
    );
    return choices;
  }

  finish(submitLabel: string, cancelLabel?: string, onCancel?: () => void): HTMLButtonElement {
    const submit = h('button', { id: `${this.prefix}-save`, type: 'submit', className: 'button primary' }, submitLabel);
    const actions = h('div', { className: 'form-actions' }, submit);
    if (cancelLabel && onCancel) {
      const cancel = h('button', { id: `${this.prefix}-cancel`, type: 'button', className: 'button ghost' }, cancelLabel);
      cancel.addEventListener('click', onCancel);
      actions.append(cancel);
    }
    this.element.append(this._general, actions);
    return submit;
  }

  /** Runs `action` on submit; a ValidationError is shown per field, anything else on the form's error line. */
  onSubmit(action: () => Promise<void>): void {
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.clear();
      action().catch((reason: unknown) => this.show(reason));
    });
  }

  clear(): void {
    for (const error of this._errors.values()) {
      error.hidden = true;
      error.textContent = '';
    }
    this._general.hidden = true;
  }

  show(reason: unknown): void {
    if (reason instanceof ValidationError) {
      const unplaced: string[] = [];
      for (const [field, message] of Object.entries(reason.fields)) {
        const error = this._errors.get(field);
        if (error) {
          error.textContent = message;
          error.hidden = false;
        } else {
          unplaced.push(`${field}: ${message}`);
        }
      }
      if (unplaced.length > 0 || Object.keys(reason.fields).length === 0) {
        this.general(unplaced.length > 0 ? unplaced.join('; ') : problemText(reason));
      }
      return;
    }
    this.general(problemText(reason));
  }

  /** Shows a client-side message on one field. */
  fieldError(field: string, message: string): void {
    const error = this._errors.get(field);
    if (error) {
      error.textContent = message;
      error.hidden = false;
    }
  }

  private general(message: string): void {
    replaceChildren(this._general, message);
    this._general.hidden = false;
  }
}

export function input(type = 'text', attributes: Record<string, string | boolean> = {}): HTMLInputElement {
  return h('input', { type, autocomplete: 'off', spellcheck: 'false', ...attributes });
}

export function textarea(rows = 4): HTMLTextAreaElement {
  return h('textarea', { rows, spellcheck: 'false', autocomplete: 'off' });
}

export function select(options: readonly (readonly [string, string])[], selected = ''): HTMLSelectElement {
  const element = h('select', {});
  for (const [value, label] of options) {
    element.append(h('option', { value, selected: value === selected }, label));
  }
  return element;
}

export function table(headers: readonly string[], id: string): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const element = h('table', { id, className: 'data-table' }, h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col' }, text)))), body);
  return { table: element, body };
}

export function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = h('button', { type: 'button', className: `button small ${className}` }, label);
  element.addEventListener('click', onClick);
  return element;
}

export function errorMessage(reason: unknown): string {
  return problemText(reason);
}
