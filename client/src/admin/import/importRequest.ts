// Sends an import with XMLHttpRequest (the only browser API that reports upload progress), the bearer token in a
// header, never the URL. A CSV import asks for the server's progress stream (Accept: application/x-ndjson) and reads
// it as it arrives; its last line is the report, or, if the import failed after the stream began, an error line,
// which rejects with an ApiError carrying its code (worded by problemText). A known_hosts import answers one JSON object.

import type { ApiClient } from '../../api';
import { ApiError, ValidationError } from '../../apiErrors';
import { refusal } from '../../api/http';
import { t } from '../../strings';
import { JsonLines, parseImportMessage, type ImportFailure, type ImportProgress } from './importProgress';

export const streamType = 'application/x-ndjson';

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly report: unknown;
  readonly failure: ImportFailure | undefined;
}

/** POSTs `{text}` to `path`; resolves with the report, rejects with an ApiError (a refused file says why). */
export async function sendImport(api: ApiClient, path: string, text: string, stream: boolean, onProgress: (progress: ImportProgress) => void, signal: AbortSignal): Promise<unknown> {
  const body = JSON.stringify({ text });
  let answer = await send(api.bearerToken(), path, body, stream, onProgress, signal);
  if (answer.status === 401 && (await api.refresh())) {
    answer = await send(api.bearerToken(), path, body, stream, onProgress, signal);
  }
  if (answer.status < 200 || answer.status >= 300) {
    const error = await refusal(new Response(answer.text, { status: answer.status, headers: { 'Content-Type': 'application/json' } }));
    // A refused file (too large, no header) says why in its `text` field.
    throw error instanceof ValidationError && error.fields['text'] !== undefined ? new ApiError(400, error.fields['text']) : error;
  }
  if (!stream) {
    return JSON.parse(answer.text) as unknown;
  }
  if (answer.failure !== undefined) {
    const { code, error, args } = answer.failure;
    throw new ApiError(answer.status, error === '' ? t('importNoReport') : error, code === '' ? undefined : code, args);
  }
  if (answer.report === undefined) {
    throw new ApiError(0, t('importNoReport'));
  }
  return answer.report;
}

function send(token: string | null, path: string, body: string, stream: boolean, onProgress: (progress: ImportProgress) => void, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const lines = new JsonLines();
    let report: unknown = undefined;
    let failure: ImportFailure | undefined = undefined;
    const read = (): void => {
      if (!stream || xhr.status < 200 || xhr.status >= 300) {
        return;
      }
      for (const value of lines.take(xhr.responseText)) {
        const message = parseImportMessage(value);
        if (message?.kind === 'progress') {
          onProgress(message.progress);
        } else if (message?.kind === 'report') {
          report = message.report;
        } else if (message?.kind === 'error') {
          failure = message.failure;
        }
      }
    };
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', stream ? `${streamType}, application/json` : 'application/json');
    if (token !== null) {
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    }
    xhr.upload.onprogress = (event) => {
      onProgress({ kind: 'upload', sent: event.loaded, total: event.lengthComputable ? event.total : body.length });
    };
    xhr.upload.onload = () => {
      onProgress({ kind: 'waiting' });
    };
    xhr.onprogress = read;
    xhr.onload = () => {
      read();
      resolve({ status: xhr.status, text: stream && xhr.status >= 200 && xhr.status < 300 ? '' : xhr.responseText, report, failure });
    };
    xhr.onerror = () => {
      reject(new ApiError(0, t('networkError')));
    };
    xhr.onabort = () => {
      reject(new DOMException('aborted', 'AbortError'));
    };
    signal.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(body);
  });
}
