// Reading the server's answers: JSON bodies that may be absent, and the ApiError each refusal becomes.

import { ApiError, StepUpRequiredError, ValidationError, fieldErrors } from '../apiErrors';
import { parseFailureDetail, stringArgs, type FailureDetail } from '../serverText';
import { t } from '../strings';

/** The ProblemDetails `type` of a refusal that a fresh second factor lifts. */
export const stepUpRequired = 'mfa_step_up_required';

export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The server's `{"error": "..."}` text, a ProblemDetails title, or a generic message with the status. */
export async function errorText(response: Response): Promise<string> {
  return errorMessage((await readJson(response)) as Record<string, unknown> | null, response.status);
}

/** The ApiError of an unauthenticated call's refusal (sign-in): the server's message and the problem's `code`. */
export async function anonymousRefusal(response: Response): Promise<ApiError> {
  const body = (await readJson(response)) as Record<string, unknown> | null;
  return new ApiError(response.status, errorMessage(body, response.status), ...problemCode(body));
}

/** The error an authenticated call's refusal (other than 401) becomes: a 400 with field errors is a ValidationError,
 * a 403 that a fresh second factor lifts a StepUpRequiredError, anything else an ApiError with the problem's code. */
export async function refusal(response: Response): Promise<ApiError> {
  if (response.status === 400) {
    const body = (await readJson(response)) as Record<string, unknown> | null;
    const title = body?.['title'];
    const error = body?.['error'];
    const message = typeof error === 'string' ? error : typeof title === 'string' ? title : t('requestFailed', { status: 400 });
    const [code, args] = problemCode(body);
    return new ValidationError(message, fieldErrors(body), code, args);
  }
  if (response.status === 403) {
    const problem = (await readJson(response)) as Record<string, unknown> | null;
    const message = typeof problem?.['error'] === 'string' ? problem['error'] : t('requestFailed', { status: 403 });
    return problem?.['type'] === stepUpRequired ? new StepUpRequiredError(message) : new ApiError(403, message, ...problemCode(problem));
  }
  const body = (await readJson(response)) as Record<string, unknown> | null;
  return new ApiError(response.status, errorMessage(body, response.status), ...problemCode(body));
}

/** A problem's `code`, the string values of its `args` (server `Core/Validation/ReplyCodes`,
 * `Core/Transfer/TransferCodes`), its `failure` (`Core/Ssh/FailureDetail`) and a transfer's `reason`, when it has them. */
export function problemCode(
  body: Record<string, unknown> | null,
): [string | undefined, Record<string, string>, FailureDetail | null, FailureDetail | null] {
  const code = body?.['code'];
  return [typeof code === 'string' && code !== '' ? code : undefined, stringArgs(body?.['args']), parseFailureDetail(body?.['failure']), parseFailureDetail(body?.['reason'])];
}

function errorMessage(body: Record<string, unknown> | null, status: number): string {
  for (const key of ['error', 'detail', 'title']) {
    const value = body?.[key];
    if (typeof value === 'string' && value.trim() !== '') {
      return value;
    }
  }
  return t('requestFailed', { status });
}
