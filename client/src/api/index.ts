// The one client of the server's HTTP API (see client.ts); pages import it from here.

export { ApiClient } from './client';
export { parseEnrolment, refreshPath } from './auth';
export { stepUpRequired } from './http';
export { queryString } from './query';
export type { HostPage, HostPageQuery } from './hostPage';
export type { ApiClientOptions, FetchLike, SignInOutcome, TerminalTicket, TotpEnrolment } from './types';
