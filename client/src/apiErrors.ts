// The errors of the API client (api/). Pages branch on them: a 401 is an UnauthorizedError (the session has
// already been forgotten), a 400 ValidationProblem a ValidationError with one message per field.

export class ApiError extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's `code` member, when the server sent one (file transfer: `permission_denied`, `exists`...). */
  readonly problemCode: string | undefined;

  constructor(status: number, message: string, problemCode?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problemCode = problemCode;
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super(401, message);
    this.name = 'UnauthorizedError';
  }
}

/** A 400 ValidationProblem: `fields` maps each JSON field name to its first message. */
export class ValidationError extends ApiError {
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, fields: Record<string, string>) {
    super(400, message);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** The first message per field of an ASP.NET Core ValidationProblem body (`{"errors":{"name":["..."]}}`). */
export function fieldErrors(body: unknown): Record<string, string> {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const result: Record<string, string> = {};
  if (typeof errors !== 'object' || errors === null) {
    return result;
  }
  for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
    const first = Array.isArray(messages) ? messages.find((m): m is string => typeof m === 'string') : undefined;
    if (first !== undefined) {
      result[field.charAt(0).toLowerCase() + field.slice(1)] = first;
    }
  }
  return result;
}

/** A 403 that a fresh second factor would lift (`type: mfa_step_up_required`): a host flagged requireMfa, or a change
 * of one's own factors. The API client prompts through its `stepUp` hook and retries once. */
export class StepUpRequiredError extends ApiError {
  constructor(message: string) {
    super(403, message);
    this.name = 'StepUpRequiredError';
  }
}
