// Admin → Hosts: "Test connection" (issue 14). The server reaches the host, checks its key against the pin and logs
// in with the stored credential, then disconnects; this shows each step's outcome in words (the failure's code in
// the user's language, the server's message beside it) and the key the host offered.

import { h } from '../dom';
import { routeHash } from '../router';
import type { Host } from '../host';
import { failureDetailText, parseFailureDetail, type FailureDetail } from '../serverText';
import { lookup, t } from '../strings';

export interface ProbeStep {
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly code: string | null;
  readonly message: string | null;
  /** The message as a code and its values (server `Core/Ssh/FailureDetailCodes`), shown in the user's language. */
  readonly detail: FailureDetail | null;
}

export interface ConnectionTestResult {
  readonly succeeded: boolean;
  readonly reach: ProbeStep;
  readonly hostKey: ProbeStep;
  readonly login: ProbeStep;
  readonly offeredFingerprint: string | null;
  readonly pinnedFingerprint: string | null;
  readonly viaGateway: boolean;
}

/** A tolerant parse of `POST /api/hosts/{id}/test`; a step the server did not send counts as not tried. */
export function parseConnectionTest(body: unknown): ConnectionTestResult {
  const value = (body ?? {}) as Record<string, unknown>;
  const step = (key: string): ProbeStep => {
    const raw = (value[key] ?? {}) as Record<string, unknown>;
    const status = raw['status'] === 'passed' || raw['status'] === 'failed' ? raw['status'] : 'skipped';
    return {
      status,
      code: typeof raw['code'] === 'string' ? raw['code'] : null,
      message: typeof raw['message'] === 'string' ? raw['message'] : null,
      detail: parseFailureDetail(raw['detail']),
    };
  };
  const text = (key: string): string | null => (typeof value[key] === 'string' && value[key] !== '' ? value[key] : null);
  return {
    succeeded: value['succeeded'] === true,
    reach: step('reach'),
    hostKey: step('hostKey'),
    login: step('login'),
    offeredFingerprint: text('offeredFingerprint'),
    pinnedFingerprint: text('pinnedFingerprint'),
    viaGateway: value['viaGateway'] === true,
  };
}

/** The words of one step: what passed, the failure in the user's language (code as fallback), or "not tried". */
export function stepWords(step: ProbeStep, passed: string): string {
  if (step.status === 'passed') {
    return passed;
  }
  if (step.status === 'skipped') {
    return t('testStepSkipped');
  }
  return (step.code === null ? undefined : lookup(`probe_${step.code}`)) ?? step.code ?? step.message ?? '';
}

/** What the server said about a failed step: its detail in the user's language, else its (English) message with a
 * "server message" label; null for a step that did not fail or said nothing. */
export function stepDetail(step: ProbeStep): string | null {
  if (step.status !== 'failed') {
    return null;
  }
  const words = failureDetailText(step.detail);
  if (words !== undefined) {
    return words;
  }
  return step.message ? `${t('testServerSaid')} ${step.message}` : null;
}

/** Raised on the document when a finished test may have recorded a key for review (the host offered a key that is
 * not pinned, or another one), so the page can bring the count on the Pending keys tab up to date. */
export const hostKeysChangedEvent = 'bastion:host-keys-changed';

export function connectionTestPanel(host: Host, result: ConnectionTestResult, close: () => void): HTMLElement {
  if (result.hostKey.status === 'failed' && result.offeredFingerprint !== null) {
    document.dispatchEvent(new CustomEvent(hostKeysChangedEvent));
  }
  const row = (id: string, label: string, step: ProbeStep, passed: string, under: readonly (HTMLElement | null)[] = []): HTMLElement =>
    h(
      'li',
      { className: `probe-step probe-${step.status}`, 'data-step': id, 'data-status': step.status, 'data-code': step.code ?? '' },
      h('span', { className: 'probe-mark', 'aria-hidden': 'true' }, step.status === 'passed' ? '✓' : step.status === 'failed' ? '✗' : '–'),
      h('strong', {}, label),
      ' ',
      h('span', { className: 'probe-words' }, stepWords(step, passed)),
      ((detail) => (detail === null ? null : h('div', { className: 'muted small probe-message', 'data-detail': step.detail?.code ?? '' }, detail)))(under.length > 0 ? null : stepDetail(step)),
      ...under,
    );
  // The host's own key that is not pinned, or not the pinned one: the fingerprints under the step, and what to do,
  // instead of the server's detail saying the same (a walk read an unpinned key described three times over).
  const key = result.hostKey;
  const keyLines =
    key.status === 'failed' && result.offeredFingerprint !== null && key.detail?.args['gatewayFor'] === undefined
      ? [
          h('div', { className: 'small probe-message' }, t('testOffered'), ' ', h('code', { id: 'probe-offered', title: result.offeredFingerprint }, result.offeredFingerprint)),
          result.pinnedFingerprint
            ? h('div', { className: 'small probe-message' }, t('testPinned'), ' ', h('code', { id: 'probe-pinned', title: result.pinnedFingerprint }, result.pinnedFingerprint))
            : null,
          key.code === 'host_key_unpinned'
            ? h('div', { className: 'small probe-message' }, h('a', { id: 'probe-review', href: routeHash({ page: 'admin', tab: 'keys' }) }, t('testReviewPending')))
            : h('div', { className: 'muted small probe-message', id: 'probe-advice' }, t('testRepinAdvice')),
        ]
      : [];
  const fingerprints =
    keyLines.length > 0 || result.offeredFingerprint === null
      ? []
      : [h('div', { className: 'small' }, t('testOffered'), ' ', h('code', { id: 'probe-offered', title: result.offeredFingerprint }, result.offeredFingerprint))];
  // The test has finished: its panel is dismissed, not cancelled. Drawn with its border, so its edge lines up with
  // the text above (a ghost button's text sat indented by its padding).
  const dismiss = h('button', { type: 'button', className: 'button small probe-dismiss' }, t('dismiss'));
  dismiss.addEventListener('click', close);
  return h(
    'div',
    { id: 'probe-result', className: `panel probe-result ${result.succeeded ? 'ok' : 'failed'}`, role: 'status', 'data-host-id': host.id, 'data-succeeded': String(result.succeeded) },
    h('p', { className: 'probe-summary' }, result.succeeded ? t('testResultOk', { name: host.name }) : t('testResultFailed', { name: host.name })),
    h(
      'ul',
      { className: 'probe-steps' },
      row('reach', t('testStepReach'), result.reach, result.viaGateway ? t('testReachOkGateway') : t('testReachOk')),
      row('hostKey', t('testStepHostKey'), result.hostKey, t('testKeyOk'), keyLines),
      row('login', t('testStepLogin'), result.login, t('testLoginOk')),
    ),
    ...fingerprints,
    dismiss,
  );
}

/** The "testing…" state while the server works: the steps take up to the connect timeout each. */
export function connectionTestProgress(host: Host): HTMLElement {
  return h(
    'div',
    { id: 'probe-progress', className: 'panel panel-message probe-result', role: 'status' },
    h('progress', { 'aria-label': t('testingConnection', { name: host.name }) }),
    ' ',
    t('testingConnection', { name: host.name }),
  );
}
