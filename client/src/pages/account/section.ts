import type { ApiClient } from '../../api';

/** What an account page section gets: the API client and the page's abort signal. */
export interface AccountSection {
  readonly api: ApiClient;
  readonly signal: AbortSignal;
}

export interface PasskeyRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface MfaState {
  readonly totp: boolean;
  readonly recoveryCodesLeft: number;
  readonly passkeys: readonly PasskeyRow[];
  readonly required: boolean;
}

export function parseMfaState(body: unknown): MfaState {
  const value = (body ?? {}) as Record<string, unknown>;
  const passkeys = Array.isArray(value['passkeys']) ? (value['passkeys'] as Record<string, unknown>[]) : [];
  return {
    totp: value['totp'] === true,
    recoveryCodesLeft: typeof value['recoveryCodesLeft'] === 'number' ? value['recoveryCodesLeft'] : 0,
    required: value['required'] === true,
    passkeys: passkeys.map((p) => ({
      id: String(p['id']),
      name: String(p['name']),
      createdAt: typeof p['createdAt'] === 'string' ? p['createdAt'] : '',
      lastUsedAt: typeof p['lastUsedAt'] === 'string' ? p['lastUsedAt'] : null,
    })),
  };
}
