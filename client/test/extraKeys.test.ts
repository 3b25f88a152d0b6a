import { describe, expect, it } from 'vitest';
import { controlCharacter, keySequence, modifyInput, noModifiers } from '../src/workspace/keys/extraKeys';

const ctrl = { ctrl: true, alt: false };
const alt = { ctrl: false, alt: true };
const both = { ctrl: true, alt: true };

describe('extra keys', () => {
  it('sends Esc and Tab as their control characters, Alt prefixing ESC', () => {
    expect(keySequence('escape', noModifiers, false)).toBe('\x1b');
    expect(keySequence('tab', noModifiers, false)).toBe('\t');
    expect(keySequence('escape', alt, false)).toBe('\x1b\x1b');
    expect(keySequence('tab', alt, false)).toBe('\x1b\t');
  });

  it('sends arrows in normal and application cursor mode', () => {
    expect(['up', 'down', 'right', 'left'].map((k) => keySequence(k as 'up', noModifiers, false))).toEqual(['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D']);
    expect(['up', 'down', 'right', 'left'].map((k) => keySequence(k as 'up', noModifiers, true))).toEqual(['\x1bOA', '\x1bOB', '\x1bOC', '\x1bOD']);
  });

  it('sends modified arrows with xterm modifier parameters, in either cursor mode', () => {
    expect(keySequence('left', ctrl, false)).toBe('\x1b[1;5D');
    expect(keySequence('right', alt, true)).toBe('\x1b[1;3C');
    expect(keySequence('up', both, false)).toBe('\x1b[1;7A');
  });

  it('makes control characters of typed keys under a sticky Ctrl, and prefixes ESC under Alt', () => {
    expect(modifyInput('c', ctrl)).toBe('\x03');
    expect(modifyInput('C', ctrl)).toBe('\x03');
    expect(modifyInput('d', ctrl)).toBe('\x04');
    expect(modifyInput('[', ctrl)).toBe('\x1b');
    expect(modifyInput(' ', ctrl)).toBe('\x00');
    expect(modifyInput('?', ctrl)).toBe('\x7f');
    expect(modifyInput('b', alt)).toBe('\x1bb');
    expect(modifyInput('x', both)).toBe('\x1b\x18');
    expect(modifyInput('c', noModifiers)).toBe('c');
    // A paste or a multi-character IME commit is not one key: Ctrl leaves it alone.
    expect(modifyInput('hello', ctrl)).toBe('hello');
    expect(modifyInput('é', ctrl)).toBe('é');
  });

  it('knows which keys have no control character', () => {
    expect(controlCharacter('a')).toBe('\x01');
    expect(controlCharacter('z')).toBe('\x1a');
    expect(controlCharacter('_')).toBe('\x1f');
    expect(controlCharacter('1')).toBeNull();
  });
});
