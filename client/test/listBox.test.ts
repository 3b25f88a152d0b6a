import { describe, expect, it } from 'vitest';
import { handleListBoxKey, listBoxStep, markActiveOption, type ListBoxOption } from '../src/workspace/listBox';

const key = (name: string, ctrlKey = false) => ({ key: name, ctrlKey });

describe('listBoxStep', () => {
  it('moves round the list with the arrows, both ways', () => {
    expect(listBoxStep(key('ArrowDown'), 0, 3)).toEqual({ kind: 'move', active: 1 });
    expect(listBoxStep(key('ArrowDown'), 2, 3)).toEqual({ kind: 'move', active: 0 });
    expect(listBoxStep(key('ArrowUp'), 0, 3)).toEqual({ kind: 'move', active: 2 });
    expect(listBoxStep(key('ArrowUp'), 2, 3)).toEqual({ kind: 'move', active: 1 });
  });

  it('keeps the arrows and Enter on an empty list, changing nothing', () => {
    expect(listBoxStep(key('ArrowDown'), 0, 0)).toEqual({ kind: 'stay' });
    expect(listBoxStep(key('ArrowUp'), 0, 0)).toEqual({ kind: 'stay' });
    expect(listBoxStep(key('Enter'), 0, 0)).toEqual({ kind: 'stay' });
  });

  it('chooses the active option on Enter and closes on Escape', () => {
    expect(listBoxStep(key('Enter'), 1, 3)).toEqual({ kind: 'choose', index: 1 });
    expect(listBoxStep(key('Escape'), 1, 3)).toEqual({ kind: 'close' });
    expect(listBoxStep(key('Escape'), 0, 0)).toEqual({ kind: 'close' });
  });

  it('jumps to the ends on Ctrl+Home and Ctrl+End only when asked, and leaves plain Home and End to the field', () => {
    expect(listBoxStep(key('Home', true), 2, 3, { ctrlHomeEnd: true })).toEqual({ kind: 'move', active: 0 });
    expect(listBoxStep(key('End', true), 0, 3, { ctrlHomeEnd: true })).toEqual({ kind: 'move', active: 2 });
    expect(listBoxStep(key('End'), 0, 3, { ctrlHomeEnd: true })).toBeNull();
    expect(listBoxStep(key('End', true), 0, 0, { ctrlHomeEnd: true })).toBeNull();
    expect(listBoxStep(key('End', true), 0, 3)).toBeNull();
  });

  it('leaves other keys alone', () => {
    for (const other of ['a', 'Tab', 'Backspace', 'ArrowLeft', 'PageDown']) {
      expect(listBoxStep(key(other), 0, 3, { ctrlHomeEnd: true })).toBeNull();
    }
  });
});

describe('handleListBoxKey', () => {
  const run = (name: string, active: number, count: number, ctrlKey = false) => {
    const calls: string[] = [];
    let prevented = false;
    const event = { key: name, ctrlKey, preventDefault: () => { prevented = true; } } as unknown as KeyboardEvent;
    const items = ['a', 'b', 'c'].slice(0, count);
    handleListBoxKey(event, active, items, {
      move: (to) => calls.push(`move ${to}`),
      choose: (item) => calls.push(`choose ${item}`),
      close: () => calls.push('close'),
    }, { ctrlHomeEnd: true });
    return { calls, prevented };
  };

  it('prevents the default of its keys and calls their handler', () => {
    expect(run('ArrowDown', 0, 2)).toEqual({ calls: ['move 1'], prevented: true });
    expect(run('Enter', 1, 2)).toEqual({ calls: ['choose b'], prevented: true });
    expect(run('Escape', 1, 2)).toEqual({ calls: ['close'], prevented: true });
    expect(run('ArrowUp', 0, 0)).toEqual({ calls: [], prevented: true });
  });

  it('neither prevents nor calls for a key that is not the list\'s', () => {
    expect(run('Home', 1, 2)).toEqual({ calls: [], prevented: false });
    expect(run('x', 1, 2)).toEqual({ calls: [], prevented: false });
  });
});

describe('markActiveOption', () => {
  class FakeOption implements ListBoxOption {
    readonly classes = new Set<string>();
    readonly attributes = new Map<string, string>();
    scrolled = 0;
    readonly classList = {
      toggle: (token: string, force?: boolean) => {
        if (force ?? !this.classes.has(token)) {
          this.classes.add(token);
        } else {
          this.classes.delete(token);
        }
        return this.classes.has(token);
      },
    };
    setAttribute(name: string, value: string): void {
      this.attributes.set(name, value);
    }
    scrollIntoView(): void {
      this.scrolled++;
    }
  }

  it('marks only the active option, scrolls it into view and returns it', () => {
    const options = [new FakeOption(), new FakeOption(), new FakeOption()];
    options[0]!.classes.add('active');
    expect(markActiveOption(options, 1, 'aria-selected')).toBe(options[1]);
    expect(options.map((o) => o.classes.has('active'))).toEqual([false, true, false]);
    expect(options.map((o) => o.attributes.get('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(options.map((o) => o.scrolled)).toEqual([0, 1, 0]);
  });

  it('returns undefined when no option has the index', () => {
    const options = [new FakeOption()];
    expect(markActiveOption(options, 3, 'aria-current')).toBeUndefined();
    expect(options[0]!.attributes.get('aria-current')).toBe('false');
    expect(markActiveOption<FakeOption>([], 0, 'aria-current')).toBeUndefined();
  });
});
