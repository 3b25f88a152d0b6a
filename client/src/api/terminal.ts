// The hosts list and terminal tickets: parsing their answers.

import { ApiError } from '../apiErrors';
import { parseHost, type Host } from '../host';
import { t } from '../strings';
import type { TerminalTicket } from './types';

/** `GET /api/hosts`'s answer: the hosts that parse; anything but a list is a failed request. */
export function parseHosts(body: unknown): Host[] {
  if (!Array.isArray(body)) {
    throw new ApiError(200, t('requestFailed', { status: 200 }));
  }
  return body.flatMap((item: unknown) => parseHost(item) ?? []);
}

/** `POST /api/terminal/tickets`'s answer; a ticket lives 30 seconds unless the server says otherwise. */
export function parseTicket(body: Record<string, unknown> | null): TerminalTicket {
  const ticket = body?.['ticket'];
  if (typeof ticket !== 'string' || ticket === '') {
    throw new ApiError(200, t('requestFailed', { status: 200 }));
  }
  const expiresIn = body?.['expires_in'];
  return { ticket, expiresIn: typeof expiresIn === 'number' ? expiresIn : 30 };
}
