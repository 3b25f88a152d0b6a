// The keys of a list box whose focus stays in a text field, so typing goes on filtering (the "+" host picker and the
// Ctrl+K quick-connect palette): ↑/↓ move the active option round the list, Enter chooses it, Esc closes; with
// `ctrlHomeEnd`, Ctrl+Home and Ctrl+End jump to the first and the last option (plain Home/End stay the field's).

/** What a key does to the list: `null` when it is not a list-box key (the event is left alone, its default too). */
export type ListBoxStep =
  | { readonly kind: 'move'; readonly active: number }
  | { readonly kind: 'choose'; readonly index: number }
  | { readonly kind: 'close' }
  /** The key is the list's (its default is prevented) but changes nothing: ↑/↓ or Enter on an empty list. */
  | { readonly kind: 'stay' };

export interface ListBoxKeys {
  readonly ctrlHomeEnd?: boolean;
}

export function listBoxStep(event: Pick<KeyboardEvent, 'key' | 'ctrlKey'>, active: number, count: number, keys: ListBoxKeys = {}): ListBoxStep | null {
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      return count > 0 ? { kind: 'move', active: (active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count } : { kind: 'stay' };
    case 'Home':
    case 'End':
      return keys.ctrlHomeEnd === true && count > 0 && event.ctrlKey ? { kind: 'move', active: event.key === 'Home' ? 0 : count - 1 } : null;
    case 'Enter':
      return active >= 0 && active < count ? { kind: 'choose', index: active } : { kind: 'stay' };
    case 'Escape':
      return { kind: 'close' };
    default:
      return null;
  }
}

/** What a list box does for each step: `move` gets the new active index, `choose` the active item. */
export interface ListBoxHandlers<T> {
  readonly move: (active: number) => void;
  readonly choose: (item: T) => void;
  readonly close: () => void;
}

/** Applies {@link listBoxStep} to a keydown on a list of `items`: prevents the default of every list-box key and
 * calls its handler. */
export function handleListBoxKey<T>(event: KeyboardEvent, active: number, items: readonly T[], handlers: ListBoxHandlers<T>, keys: ListBoxKeys = {}): void {
  const step = listBoxStep(event, active, items.length, keys);
  if (step === null) {
    return;
  }
  event.preventDefault();
  switch (step.kind) {
    case 'move':
      handlers.move(step.active);
      break;
    case 'choose': {
      const item = items[step.index];
      if (item !== undefined) {
        handlers.choose(item);
      }
      break;
    }
    case 'close':
      handlers.close();
      break;
    case 'stay':
      break;
  }
}

/** The part of an option element {@link markActiveOption} touches (an `HTMLElement` has it). */
export interface ListBoxOption {
  readonly classList: { toggle(token: string, force?: boolean): boolean };
  setAttribute(name: string, value: string): void;
  scrollIntoView(options?: ScrollIntoViewOptions): void;
}

/** Marks the active option (class `active` and `attribute` = "true", the others "false") and scrolls it into view;
 * returns it, or undefined when the list has none at that index. */
export function markActiveOption<T extends ListBoxOption>(options: Iterable<T>, active: number, attribute: 'aria-current' | 'aria-selected'): T | undefined {
  let marked: T | undefined;
  let index = 0;
  for (const option of options) {
    const isActive = index === active;
    option.classList.toggle('active', isActive);
    option.setAttribute(attribute, String(isActive));
    if (isActive) {
      option.scrollIntoView({ block: 'nearest' });
      marked = option;
    }
    index++;
  }
  return marked;
}
