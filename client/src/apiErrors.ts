// The errors of the API client (api/). Pages branch on them: a 401 is an UnauthorizedError (the session has
// already been forgotten), a 400 ValidationProblem a ValidationError with one message per field.

import type { FailureDetail } from './serverText';
import { lookup } from './strings';

export class ApiError extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's `code` member, when the server sent one (file transfer: `permission_denied`, `exists`...). */
  readonly problemCode: string | undefined;
  /** The problem's `args` member: the values its code's words name (`{"name": "web-1"}`); empty when none were sent. */
  readonly problemArgs: Readonly<Record<string, string>>;
  /** The problem's `failure` member: the connection failure its `error` value says in English (a host-key scan). */
  readonly problemFailure: FailureDetail | null;
  /** The problem's `reason` member: a file transfer's message as a code with its values (`file_permission_denied`). */
  readonly problemReason: FailureDetail | null;

  constructor(
    status: number,
    message: string,
    problemCode?: string,
    problemArgs: Readonly<Record<string, string>> = {},
    problemFailure: FailureDetail | null = null,
    problemReason: FailureDetail | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problemCode = problemCode;
    this.problemArgs = problemArgs;
    this.problemFailure = problemFailure;
    this.problemReason = problemReason;
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super(401, message);
    this.name = 'UnauthorizedError';
  }
}

/** A 400: `fields` maps each JSON field name of a ValidationProblem to its first message; a 400 that is not about
 * fields (a search's query, a terminal size) has none and keeps its problem `code` and `args` instead. */
export class ValidationError extends ApiError {
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, fields: Record<string, string>, problemCode?: string, problemArgs: Readonly<Record<string, string>> = {}) {
    super(400, message, problemCode, problemArgs);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** The first message per field of a ValidationProblem body (`{"errors":{"name":["..."]}}`), in the user's language:
 * a field whose `codes` entry (`{"codes":{"name":[{"code":"name_length","args":{"max":"100"}}]}}`, server
 * `Core/Validation/FieldCodes`) the string table knows as `field_<code>` is worded from it with its values filled in;
 * any other keeps the server's English message. */
export function fieldErrors(body: unknown): Record<string, string> {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const codes = (body as { codes?: unknown } | null)?.codes;
  const result: Record<string, string> = {};
  if (typeof errors !== 'object' || errors === null) {
    return result;
  }
  for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
    const first = Array.isArray(messages) ? messages.find((m): m is string => typeof m === 'string') : undefined;
    if (first !== undefined) {
      const coded = typeof codes === 'object' && codes !== null ? codedText((codes as Record<string, unknown>)[field]) : undefined;
      result[field.charAt(0).toLowerCase() + field.slice(1)] = coded ?? first;
    }
  }
  return result;
}

/** The words of a field's first `codes` entry, or undefined when it is malformed or the table lacks the code. */
function codedText(entries: unknown): string | undefined {
  const entry: unknown = Array.isArray(entries) ? entries[0] : undefined;
  if (typeof entry !== 'object' || entry === null) {
    return undefined;
  }
  const { code, args } = entry as { code?: unknown; args?: unknown };
  const words = typeof code === 'string' && code !== '' ? lookup(`field_${code}`) : undefined;
  if (words === undefined) {
    return undefined;
  }
  const values = typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
  return words.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : whole;
  });
}

/** A 403 that a fresh second factor would lift (`type: mfa_step_up_required`): a host flagged requireMfa, or a change
 * of one's own factors. The API client prompts through its `stepUp` hook and retries once. */
export class StepUpRequiredError extends ApiError {
  constructor(message: string) {
    super(403, message);
    this.name = 'StepUpRequiredError';
  }
}
