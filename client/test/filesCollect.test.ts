import { describe, expect, it } from 'vitest';
import { collect, FileError } from '../src/workspace/files/filesApi';

function body(chunks: Uint8Array[], length: number): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Length': String(length) } });
}

describe('collect (the panel download)', () => {
  it('keeps every byte in order across the 8 MiB folds, and reports progress', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => new Uint8Array(512 * 1024).fill(i));
    const total = 40 * 512 * 1024;
    const seen: number[] = [];
    const blob = await collect(body(chunks, total), (received) => seen.push(received));
    expect(blob.size).toBe(total);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(bytes[0]).toBe(0);
    expect(bytes[8 * 1024 * 1024]).toBe(16);
    expect(bytes[total - 1]).toBe(39);
    expect(seen.at(-1)).toBe(total);
  });

  it('fails a body cut short of its length', async () => {
    await expect(collect(body([new Uint8Array(10)], 20), () => undefined)).rejects.toBeInstanceOf(FileError);
  });
});

describe('fileErrorText (what a failed transfer row says)', () => {
  it('says a cancelled transfer once, not "Cancelled: Cancelled"', async () => {
    const { fileErrorText } = await import('../src/workspace/files/fileErrors');
    expect(fileErrorText(new FileError(0, 'cancelled', 'Cancelled'))).toBe('Cancelled');
    expect(fileErrorText(new FileError(499, 'cancelled', 'the transfer was cancelled'))).toBe('Cancelled');
  });

  it('keeps the server detail after the words of any other code', async () => {
    const { fileErrorText } = await import('../src/workspace/files/fileErrors');
    expect(fileErrorText(new FileError(409, 'exists', '/srv/a already exists'))).toBe('Already exists: /srv/a already exists');
  });
});
