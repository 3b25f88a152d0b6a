// A host as `GET /api/hosts` describes it, and its tolerant parser (an older server omits the newer fields).

export interface Host {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly username: string;
  /** `SHA256:...`, or null when no host key is pinned yet. */
  readonly hostKeyFingerprint: string | null;
  readonly description: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly groups: readonly string[];
  readonly enabled: boolean;
  /** Keystrokes are recorded (asciicast "i" events); off by default so passwords typed at prompts are not stored. */
  readonly recordInput: boolean;
  /** Opening a session here needs a fresh second factor (issue 11). */
  readonly requireMfa: boolean;
  readonly charset: string;
  readonly gatewayHostId: string | null;
  /** The shared credential's name, or null for the host's own (or none). Secrets are never sent. */
  readonly credentialName: string | null;
  /** Session limit overrides in seconds / sessions (issue 9): null = the server's global setting, 0 = off here. */
  readonly idleTimeoutSeconds: number | null;
  readonly maxDurationSeconds: number | null;
  readonly maxSessionsPerUser: number | null;
}

/** Parses one host of `GET /api/hosts`; null for an item without an id. */
export function parseHost(item: unknown): Host | null {
  if (typeof item !== 'object' || item === null) {
    return null;
  }
  const value = item as Record<string, unknown>;
  const id = value['id'];
  if (typeof id !== 'string' && typeof id !== 'number') {
    return null;
  }
  const fingerprint = value['hostKeyFingerprint'];
  const labels = value['labels'];
  const groups = value['groups'];
  const str = (key: string): string | null => {
    const field = value[key];
    return typeof field === 'string' && field !== '' ? field : null;
  };
  const num = (key: string): number | null => {
    const field = value[key];
    return typeof field === 'number' && Number.isInteger(field) && field >= 0 ? field : null;
  };
  return {
    id: String(id),
    name: typeof value['name'] === 'string' ? value['name'] : String(id),
    address: typeof value['address'] === 'string' ? value['address'] : '',
    port: typeof value['port'] === 'number' ? value['port'] : 22,
    username: typeof value['username'] === 'string' ? value['username'] : '',
    hostKeyFingerprint: typeof fingerprint === 'string' && fingerprint !== '' ? fingerprint : null,
    description: str('description'),
    labels:
      typeof labels === 'object' && labels !== null && !Array.isArray(labels)
        ? Object.fromEntries(Object.entries(labels as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : {},
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    enabled: value['enabled'] !== false,
    recordInput: value['recordInput'] === true,
    requireMfa: value['requireMfa'] === true,
    charset: str('charset') ?? 'utf-8',
    gatewayHostId: str('gatewayHostId'),
    credentialName: str('credentialName'),
    idleTimeoutSeconds: num('idleTimeoutSeconds'),
    maxDurationSeconds: num('maxDurationSeconds'),
    maxSessionsPerUser: num('maxSessionsPerUser'),
  };
}
