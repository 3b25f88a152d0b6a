// Renders terminal output in fresh headless xterm.js terminals and prints a canonical description of each screen,
// so a test can assert that two outputs (the whole stream a client saw, and a snapshot of it) give the same screen.
//
// Input (stdin, JSON): { "cols": 80, "rows": 24, "streams": ["...", "..."], "serialize": false }
// Output (stdout, JSON): { "screens": ["<description>", ...], "serialized": [...] }, one entry per stream, in order;
// with "serialize": true, "serialized" holds @xterm/addon-serialize's rendering of each screen (else nulls), which
// the tests use as an independent check of the harness itself.
//
// A description holds what a user sees and what the keyboard sends: the active buffer, every cell of the viewport
// (text, width, colours, attributes), the cursor (position, visibility), the modes xterm exposes, the mouse protocol
// and encoding, the scroll region, the charset in GL, the pen (SGR in effect), the saved cursor and the title.
// The terminals are configured as the browser client's (Unicode 11 widths, 10000 lines of scrollback).
// Empty cells print as spaces: a never-written cell and a written blank render the same.
import headless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import serialize from '@xterm/addon-serialize';

const { Terminal } = headless;
const { Unicode11Addon } = unicode11;
const { SerializeAddon } = serialize;

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function write(term, data) {
  return new Promise((resolve) => term.write(data, resolve));
}

function colour(mode, value) {
  if (mode === 0) return 'd';
  if (mode === 0x1000000 || mode === 0x2000000) return `p${value}`;
  return `#${value.toString(16).padStart(6, '0')}`;
}

function attrs(cell) {
  let flags = '';
  if (cell.isBold()) flags += 'B';
  if (cell.isDim()) flags += 'D';
  if (cell.isItalic()) flags += 'I';
  if (cell.isUnderline()) flags += 'U';
  if (cell.isBlink()) flags += 'K';
  if (cell.isInverse()) flags += 'R';
  if (cell.isInvisible()) flags += 'H';
  if (cell.isStrikethrough()) flags += 'S';
  if (cell.isOverline()) flags += 'O';
  return `${colour(cell.getFgColorMode(), cell.getFgColor())}/${colour(cell.getBgColorMode(), cell.getBgColor())}/${flags}`;
}

function describe(term, title) {
  const core = term._core;
  const buffer = term.buffer.active;
  const internal = core.buffer;
  const out = [];
  out.push(`buffer ${buffer.type}`);
  out.push(`cursor ${buffer.cursorX},${buffer.cursorY} ${core.coreService.isCursorHidden ? 'hidden' : 'visible'}`);
  for (const [name, value] of Object.entries(term.modes).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`mode ${name}=${value}`);
  }
  out.push(`mouse ${core.coreMouseService._activeProtocol} ${core.coreMouseService._activeEncoding}`);
  out.push(`region ${internal.scrollTop}-${internal.scrollBottom}`);
  const charset = core._charsetService;
  const name = (set) => (set ? JSON.stringify(set).slice(0, 24) : 'ascii');
  out.push(`charset gl=${charset.glevel} g0=${name(charset._charsets?.[0])} g1=${name(charset._charsets?.[1])} active=${name(charset.charset)}`);
  const pen = core._inputHandler._curAttrData;
  out.push(`pen ${pen.fg} ${pen.bg}`);
  // The saved cursor (DECSC) as the row DECRC would restore to: xterm.js keeps it as an absolute line.
  out.push(`saved ${internal.savedX},${Math.max(internal.savedY - internal.ybase, 0)}`);
  const dec = core.coreService.decPrivateModes;
  out.push(`cursorStyle ${dec.cursorStyle ?? '-'} blink=${dec.cursorBlink ?? '-'}`);
  out.push(`title ${JSON.stringify(title)}`);
  const cell = buffer.getNullCell();
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    let text = '';
    const runs = [];
    let runStart = 0;
    let runKey = null;
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      const width = cell.getWidth();
      if (width === 0) {
        text += '\u00b7'; // the right half of a wide character
      } else {
        text += cell.getChars() || ' ';
      }
      const key = `${attrs(cell)}${width === 2 ? '/w' : ''}`;
      if (key !== runKey) {
        if (runKey !== null) runs.push(`${runStart}-${x - 1}:${runKey}`);
        runKey = key;
        runStart = x;
      }
    }
    runs.push(`${runStart}-${term.cols - 1}:${runKey}`);
    out.push(`row ${String(y).padStart(3, '0')} |${text}|`);
    out.push(`attr ${String(y).padStart(3, '0')} ${runs.join(' ')}`);
  }
  return out.join('\n');
}

async function render(cols, rows, stream, withSerialized) {
  // Configured as the browser client configures its terminal (client/src/pages/terminal.ts).
  const term = new Terminal({ cols, rows, scrollback: 10000, allowProposedApi: true });
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  let title = '';
  term.onTitleChange((t) => {
    title = t;
  });
  const serializer = new SerializeAddon();
  term.loadAddon(serializer);
  await write(term, stream);
  const description = describe(term, title);
  const serialized = withSerialized ? serializer.serialize({ scrollback: 0 }) : undefined;
  term.dispose();
  return { description, serialized };
}

const input = JSON.parse(await readStdin());
const screens = [];
const serialized = [];
for (const stream of input.streams) {
  const result = await render(input.cols, input.rows, stream, input.serialize === true);
  screens.push(result.description);
  serialized.push(result.serialized ?? null);
}
process.stdout.write(JSON.stringify({ screens, serialized }));
