// The file panel's calls to /api/sessions/{id}/files (Web/Transfer/FileEndpoints). Listing and changes go through
// the ApiClient; uploads use XMLHttpRequest (the only browser API with upload progress) and downloads read the
// response as a stream (for progress), both with the bearer token in a header, never in the URL.

import type { ApiClient } from '../../api';
import { ApiError } from '../../apiErrors';
import { parseFailureDetail, type FailureDetail } from '../../serverText';
import { t } from '../../strings';

export interface RemoteEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'dir' | 'file' | 'link' | 'other';
  readonly size: number;
  readonly modified: string;
  readonly permissions: string;
  /** A symbolic link's target (server `Core/Transfer/SftpLinks`): `file` (downloads as the file; `size` is the
   * file's), `dir` (opens as a directory), `missing` (dangling), `denied` (not visible to the login), `other`, or
   * `unknown` (not resolved: past the server's bound on links per listing; opened and downloaded by trying). */
  readonly target?: LinkTarget;
}

export type LinkTarget = 'file' | 'dir' | 'missing' | 'denied' | 'other' | 'unknown';

export interface Listing {
  readonly path: string;
  readonly parent: string;
  readonly home: string;
  readonly entries: readonly RemoteEntry[];
  readonly truncated: boolean;
  /** Every entry of the directory, those a truncated listing leaves out too; with `totalCapped`, the count stopped
   * there (server Transfer:MaxListCount) and the directory has more. */
  readonly total: number;
  readonly totalCapped?: boolean;
  readonly allowUpload: boolean;
  readonly allowDownload: boolean;
  readonly maxFileBytes: number;
}

/** A refused or failed file operation: the server's code (permission_denied, exists, ...) and its message. */
export class FileError extends ApiError {
  readonly code: string;

  constructor(status: number, code: string, message: string, reason: FailureDetail | null = null, failure: FailureDetail | null = null) {
    super(status, message, undefined, {}, failure, reason);
    this.name = 'FileError';
    this.code = code;
  }
}

export type Progress = (sent: number, total: number) => void;

export function filesPath(sessionId: string, rest = ''): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/files${rest}`;
}

export class FilesApi {
  constructor(
    private readonly _api: ApiClient,
    private readonly _sessionId: string,
  ) {}

  async list(path: string, signal?: AbortSignal): Promise<Listing> {
    return (await this.json('GET', filesPath(this._sessionId, `?path=${encodeURIComponent(path)}`), undefined, signal)) as Listing;
  }

  async mkdir(path: string): Promise<void> {
    await this.json('POST', filesPath(this._sessionId, '/directories'), { path });
  }

  async rename(from: string, to: string): Promise<void> {
    await this.json('POST', filesPath(this._sessionId, '/rename'), { from, to });
  }

  async remove(path: string): Promise<void> {
    await this.json('DELETE', filesPath(this._sessionId, `?path=${encodeURIComponent(path)}`));
  }

  /** Streams `file` to `directory`; resolves with the server's SHA-256 of what it wrote. */
  upload(directory: string, file: File, onProgress: Progress, signal: AbortSignal): Promise<string> {
    const token = this._api.bearerToken();
    const query = `?path=${encodeURIComponent(directory)}&name=${encodeURIComponent(file.name)}`;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', filesPath(this._sessionId, `/content${query}`));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (token !== null) {
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      }
      xhr.upload.onprogress = (event) => {
        onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          const body = parse(xhr.responseText);
          resolve(typeof body?.['sha256'] === 'string' ? body['sha256'] : '');
        } else {
          reject(problem(xhr.status, parse(xhr.responseText)));
        }
      };
      xhr.onerror = () => {
        reject(new FileError(0, 'network', t('networkError')));
      };
      xhr.onabort = () => {
        reject(new FileError(0, 'cancelled', t('filesCancelled')));
      };
      signal.addEventListener('abort', () => {
        xhr.abort();
      });
      xhr.send(file);
    });
  }

  /** Downloads `path`, reporting progress as it arrives; the browser then saves the blob. */
  async download(path: string, onProgress: Progress, signal: AbortSignal): Promise<Blob> {
    let response: Response;
    try {
      response = await this._api.stream(filesPath(this._sessionId, `/content?path=${encodeURIComponent(path)}`), signal);
    } catch (error) {
      throw asFileError(error);
    }
    return await collect(response, onProgress);
  }

  private async json(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this._api.call(method, path, body, signal);
    } catch (error) {
      throw asFileError(error);
    }
  }
}

function asFileError(error: unknown): unknown {
  if (error instanceof ApiError && !(error instanceof FileError)) {
    return new FileError(error.status, error.problemCode ?? (error.status === 400 ? 'bad_path' : ''), error.message, error.problemReason, error.problemFailure);
  }
  return error instanceof DOMException ? aborted(error) : error;
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function problem(status: number, body: Record<string, unknown> | null): FileError {
  const code = typeof body?.['code'] === 'string' ? body['code'] : '';
  const detail = body?.['detail'] ?? body?.['error'];
  return new FileError(status, code, typeof detail === 'string' ? detail : t('requestFailed', { status }),
    parseFailureDetail(body?.['reason']), parseFailureDetail(body?.['failure']));
}

function aborted(error: unknown): FileError {
  return error instanceof DOMException && error.name === 'AbortError'
    ? new FileError(0, 'cancelled', t('filesCancelled'))
    : new FileError(0, 'network', t('networkError'));
}

/** Bytes of received chunks held in script memory before they are folded into a Blob. */
const FoldBytes = 8 * 1024 * 1024;

/** Reads a download's body chunk by chunk, reporting progress, into a Blob for the browser to save; a body shorter
 * than its Content-Length (the server cut it: the transfer failed) is an error. Every FoldBytes the chunks become a
 * Blob of their own and are let go, so the page holds at most that much; the parts live in the browser's blob store
 * (which Chromium pages to disk beyond its memory quota). */
export async function collect(response: Response, onProgress: Progress): Promise<Blob> {
  const total = Number(response.headers.get('Content-Length') ?? '0');
  const reader = response.body?.getReader();
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let received = 0;
  try {
    for (;;) {
      const chunk = reader ? await reader.read() : undefined;
      if (chunk === undefined || chunk.done) {
        break;
      }
      const value = chunk.value;
      pending.push(value);
      pendingBytes += value.byteLength;
      received += value.byteLength;
      if (pendingBytes >= FoldBytes) {
        parts.push(new Blob(pending as BlobPart[]));
        pending = [];
        pendingBytes = 0;
      }
      onProgress(received, total);
    }
  } catch (error) {
    throw aborted(error);
  }
  if (total > 0 && received !== total) {
    throw new FileError(0, 'host_error', t('filesIncomplete'));
  }
  parts.push(new Blob(pending as BlobPart[]));
  return new Blob(parts, { type: 'application/octet-stream' });
}
