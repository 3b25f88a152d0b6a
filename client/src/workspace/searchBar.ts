// Find in the scrollback (issue 14): a small bar over the terminal (Ctrl+Shift+F or the Search button) with next and
// previous, case and regex toggles and a match count. Enter finds the next, Shift+Enter the previous, Esc closes.

import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { h } from '../dom';
import { t } from '../strings';

// Decorations give the match count (onDidChangeResults) and mark every match, and in the overview ruler too.
const decorations: NonNullable<ISearchOptions['decorations']> = {
  matchBackground: '#6b5a12',
  matchOverviewRuler: '#d29922',
  activeMatchBackground: '#d29922',
  activeMatchColorOverviewRuler: '#f0c040',
};

export class SearchBar {
  readonly element = h('div', { className: 'terminal-search', role: 'search', hidden: true });
  private readonly _input = h('input', { type: 'search', className: 'terminal-search-input', spellcheck: 'false', autocomplete: 'off' });
  private readonly _case = h('button', { type: 'button', className: 'terminal-search-toggle', 'data-option': 'case', 'aria-pressed': 'false' }, 'Aa');
  private readonly _regex = h('button', { type: 'button', className: 'terminal-search-toggle', 'data-option': 'regex', 'aria-pressed': 'false' }, '.*');
  private readonly _previous = h('button', { type: 'button', className: 'terminal-search-previous' }, '↑');
  private readonly _next = h('button', { type: 'button', className: 'terminal-search-next' }, '↓');
  private readonly _close = h('button', { type: 'button', className: 'terminal-search-close' }, '×');
  private readonly _count = h('span', { className: 'terminal-search-count', role: 'status' });
  private _result: { index: number; count: number } | null = null;

  constructor(private readonly _addon: SearchAddon, private readonly _onClose: () => void) {
    this.element.append(this._input, this._case, this._regex, this._count, this._previous, this._next, this._close);
    this._addon.onDidChangeResults(({ resultIndex, resultCount }) => {
      this._result = { index: resultIndex, count: resultCount };
      this.renderCount();
    });
    this._input.addEventListener('input', () => this.find('next', true));
    this._input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.find(event.shiftKey ? 'previous' : 'next', false);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    for (const toggle of [this._case, this._regex]) {
      toggle.addEventListener('click', () => {
        toggle.setAttribute('aria-pressed', String(toggle.getAttribute('aria-pressed') !== 'true'));
        this.find('next', true);
      });
    }
    this._previous.addEventListener('click', () => this.find('previous', false));
    this._next.addEventListener('click', () => this.find('next', false));
    this._close.addEventListener('click', () => this.close());
    this.retranslate();
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
    this._input.focus();
    this._input.select();
  }

  close(): void {
    this.element.hidden = true;
    this._addon.clearDecorations();
    this._result = null;
    this._onClose();
  }

  retranslate(): void {
    this.element.setAttribute('aria-label', t('searchLabel'));
    this._input.placeholder = t('searchPlaceholder');
    this._input.setAttribute('aria-label', t('searchPlaceholder'));
    for (const [button, label] of [[this._case, t('searchCase')], [this._regex, t('searchRegex')], [this._previous, t('searchPrevious')],
      [this._next, t('searchNext')], [this._close, t('searchClose')]] as const) {
      button.title = label;
      button.setAttribute('aria-label', label);
    }
    this.renderCount();
  }

  /** `incremental` (typing) keeps the current match if it still matches, rather than moving on. */
  private find(direction: 'next' | 'previous', incremental: boolean): void {
    const term = this._input.value;
    const regex = this._regex.getAttribute('aria-pressed') === 'true';
    this._count.dataset['error'] = 'false';
    if (term === '') {
      this._addon.clearDecorations();
      this._result = null;
      this.renderCount();
      return;
    }
    if (regex && !validRegex(term)) {
      this._result = null;
      this._count.dataset['error'] = 'true';
      this._count.textContent = t('searchBadRegex');
      return;
    }
    const options: ISearchOptions = { caseSensitive: this._case.getAttribute('aria-pressed') === 'true', regex, incremental, decorations };
    const found = direction === 'next' ? this._addon.findNext(term, options) : this._addon.findPrevious(term, options);
    this._input.dataset['found'] = String(found);
    if (!found) {
      this._result = { index: -1, count: 0 }; // no results event comes for a search that finds nothing
      this.renderCount();
    }
  }

  private renderCount(): void {
    if (this._count.dataset['error'] === 'true') {
      return;
    }
    const result = this._result;
    if (result === null || this._input.value === '') {
      this._count.textContent = '';
    } else if (result.count === 0) {
      this._count.textContent = t('searchNone');
    } else {
      // resultIndex is -1 past the decoration limit (1000 matches): the count alone then.
      this._count.textContent = result.index < 0 ? String(result.count) : t('searchCount', { index: result.index + 1, count: result.count });
    }
  }
}

function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
