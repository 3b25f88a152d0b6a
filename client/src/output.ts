// A plain-text copy of the terminal output for browser tests (`window.bastionOutput`), capped so a long
// session cannot grow it without bound. Appends are O(1); the string is only built when someone reads it.

export const defaultOutputCap = 1024 * 1024;

export class OutputMirror {
  private _chunks: string[] = [];
  private _length = 0;
  private _cached: string | null = '';

  constructor(private readonly _cap: number = defaultOutputCap) {}

  append(text: string): void {
    if (text === '') {
      return;
    }
    this._chunks.push(text);
    this._length += text.length;
    this._cached = null;
    // Drop whole chunks that lie entirely before the last `_cap` units; `text` trims the rest.
    let first = this._chunks[0];
    while (first !== undefined && this._chunks.length > 1 && this._length - first.length >= this._cap) {
      this._chunks.shift();
      this._length -= first.length;
      first = this._chunks[0];
    }
  }

  get text(): string {
    if (this._cached === null) {
      const joined = this._chunks.join('');
      this._cached = joined.length > this._cap ? joined.slice(joined.length - this._cap) : joined;
      this._chunks = this._cached === '' ? [] : [this._cached];
      this._length = this._cached.length;
    }
    return this._cached;
  }

  clear(): void {
    this._chunks = [];
    this._length = 0;
    this._cached = '';
  }
}
