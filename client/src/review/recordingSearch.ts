import type { ApiClient } from '../api';
import { queryString } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import { routeHash } from '../router';
import { formatDateTime, problemText } from '../serverText';
import { t } from '../strings';
import { formatOffset, visible } from './commands';

/** One hit of `GET /api/recordings/search`, as the page uses it. */
export interface SearchHit {
  readonly sessionId: string;
  readonly user: string;
  readonly hostName: string;
  readonly startedAt: string;
  readonly offset: number;
  readonly kind: string;
  readonly snippet: readonly { readonly text: string; readonly hit: boolean }[];
}

/** The hits and the next page's `skip` (null at the end); anything malformed is left out. */
export function parseSearchResult(value: unknown): { hits: SearchHit[]; next: number | null } {
  const body = (value ?? {}) as { hits?: unknown; next?: unknown };
  const hits = (Array.isArray(body.hits) ? body.hits : []).flatMap((raw): SearchHit[] => {
    const hit = (raw ?? {}) as Record<string, unknown>;
    if (typeof hit['sessionId'] !== 'string' || !/^[0-9a-f]{32}$/.test(hit['sessionId']) || typeof hit['offset'] !== 'number') {
      return [];
    }
    const snippet = (Array.isArray(hit['snippet']) ? hit['snippet'] : []).map((p: unknown) => {
      const part = (p ?? {}) as Record<string, unknown>;
      return { text: typeof part['text'] === 'string' ? part['text'] : '', hit: part['hit'] === true };
    });
    const str = (key: string): string => (typeof hit[key] === 'string' ? hit[key] : '');
    return [{ sessionId: hit['sessionId'], user: str('user'), hostName: str('hostName'), startedAt: str('startedAt'), offset: hit['offset'], kind: str('kind'), snippet }];
  });
  return { hits, next: typeof body.next === 'number' ? body.next : null };
}

/** The player's address at a hit (its offset rounded down to a tenth of a second). */
export function hitHref(hit: SearchHit): string {
  return routeHash({ page: 'session', sessionId: hit.sessionId, startAt: Math.max(0, Math.floor(hit.offset * 10) / 10) });
}

/** `datetime-local` value → ISO 8601 (the browser's zone), or undefined when empty or invalid. */
function isoOf(value: string): string | undefined {
  if (value === '') {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The search over recordings (auditors and admins, on the sessions page): words, user, host, time range → hits with
 * their snippet (rendered as text, the matching words in `<mark>`), each a link to the player at that second.
 */
export function recordingSearchPanel(api: ApiClient, signal: AbortSignal): HTMLElement {
  const q = h('input', { id: 'search-q', type: 'search', placeholder: t('recordingSearchPlaceholder'), 'aria-label': t('recordingSearchPlaceholder'), maxLength: 200, autocomplete: 'off' });
  const user = h('input', { id: 'search-user', type: 'text', placeholder: t('filterUser'), 'aria-label': t('filterUser'), autocomplete: 'off' });
  const host = h('input', { id: 'search-host', type: 'text', placeholder: t('filterHost'), 'aria-label': t('filterHost'), autocomplete: 'off' });
  const from = h('input', { id: 'search-from', type: 'datetime-local', 'aria-label': t('filterFrom'), title: t('filterFrom') });
  const to = h('input', { id: 'search-to', type: 'datetime-local', 'aria-label': t('filterTo'), title: t('filterTo') });
  const submit = h('button', { type: 'submit', id: 'search-apply', className: 'button primary' }, t('searchButton'));
  const status = h('div', { id: 'search-status', className: 'muted small', role: 'status' });
  const list = h('ol', { id: 'search-hits', className: 'search-hits' });
  const more = h('button', { type: 'button', id: 'search-more', className: 'button small', hidden: true }, t('older'));
  let next: number | null = null;

  const run = (skip: number): void => {
    const query = queryString({ q: q.value, user: user.value, host: host.value, from: isoOf(from.value), to: isoOf(to.value), skip: skip > 0 ? skip : undefined, limit: 50 });
    status.textContent = t('loading');
    api.call('GET', `/api/recordings/search${query}`, undefined, signal).then(
      (value) => {
        const result = parseSearchResult(value);
        if (skip === 0) {
          replaceChildren(list);
        }
        list.append(...result.hits.map(hitItem));
        next = result.next;
        more.hidden = next === null;
        status.textContent = list.childElementCount === 0 ? t('searchNoHits') : '';
      },
      (reason: unknown) => {
        if (signal.aborted || reason instanceof UnauthorizedError) {
          return;
        }
        status.textContent = t('loadFailed', { error: problemText(reason) });
      },
    );
  };

  const form = h('form', { id: 'search-form', className: 'review-filters' }, q, user, host, from, to, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (q.value.trim() !== '') {
      run(0);
    }
  });
  more.addEventListener('click', () => {
    if (next !== null) {
      run(next);
    }
  });
  return h('section', { id: 'recording-search', className: 'panel' },
    h('h2', { className: 'panel-title' }, t('searchTitle')), h('p', { className: 'muted small' }, t('searchHint')), form, status, list, more);
}

function hitItem(hit: SearchHit): HTMLLIElement {
  // Recorded text is whatever a host sent: text nodes only, never markup.
  const snippet = h('code', { className: 'search-snippet' },
    ...hit.snippet.map((part) => (part.hit ? h('mark', {}, visible(part.text)) : visible(part.text))));
  const where = `${visible(hit.user)} · ${visible(hit.hostName)} · ${formatDateTime(hit.startedAt)} · ${formatOffset(hit.offset)}${hit.kind === 'input' ? ` · ${t('searchKindInput')}` : ''}`;
  return h('li', { className: 'search-hit', 'data-session-id': hit.sessionId, 'data-offset': String(hit.offset) },
    h('a', { className: 'search-open', href: hitHref(hit) }, where), h('div', {}, snippet));
}
