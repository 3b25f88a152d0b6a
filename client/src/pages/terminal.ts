import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/xterm';
import { dim, pageLine, red, sanitize, yellow } from '../ansi';
import { ApiError, UnauthorizedError } from '../apiErrors';
import { clipboardAction, copyText } from '../clipboard';
import { TerminalConnection } from '../connection';
import { h } from '../dom';
import { OutputMirror } from '../output';
import { terminalSocketUrl } from '../protocol';
import { t } from '../strings';
import type { Page } from './page';
import { languageSwitch } from './topbar';

type Status = 'connecting' | 'connected' | 'closed';

const resizeDebounceMs = 150;

export function terminalPage(hostId: string): Page {
  return (root, context) => {
    let disposed = false;
    let connection: TerminalConnection | null = null;
    let attempt = 0;
    let hostName = hostId;

    // 1. Layout: a one-line status bar over a terminal that takes the rest of the window.
    const hostLabel = h('span', { id: 'terminal-host', className: 'host-label' }, hostId);
    const status = h('span', { id: 'terminal-status', className: 'status', 'data-state': 'connecting' }, t('connecting'));
    const detail = h('span', { id: 'terminal-detail', className: 'muted detail' });
    const reconnect = h('button', { id: 'terminal-reconnect', type: 'button', className: 'button primary small', hidden: true }, t('reconnect'));
    const container = h('div', { id: 'terminal', className: 'terminal-container' });
    root.append(
      h(
        'div',
        { className: 'terminal-page' },
        h(
          'header',
          { className: 'statusbar' },
          h('a', { className: 'brand', href: '#/hosts' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
          h('span', { className: 'crumb', 'aria-hidden': 'true' }, '/'),
          hostLabel,
          status,
          detail,
          h('span', { className: 'spacer' }),
          reconnect,
          languageSwitch(context),
          h('a', { id: 'terminal-back', className: 'button ghost small', href: '#/hosts' }, t('backToHosts')),
        ),
        container,
      ),
    );

    // 2. The terminal, its addons and the test hooks.
    const term = new Terminal({
      allowProposedApi: true, // the unicode11 addon sets `term.unicode.activeVersion`, a proposed API
      cursorBlink: true,
      fontFamily: '"JetBrains Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
      fontSize: 14,
      lineHeight: 1.1,
      scrollback: 10000,
      theme: {
        background: '#0b0e14',
        foreground: '#d5dae3',
        cursor: '#e6edf3',
        selectionBackground: '#2f4a75',
      },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(container);
    fitNow();
    term.focus();

    const mirror = new OutputMirror();
    window.bastionTerminal = term;
    Object.defineProperty(window, 'bastionOutput', { configurable: true, enumerable: true, get: () => mirror.text });

    term.attachCustomKeyEventHandler((event) => {
      const action = clipboardAction(event);
      if (action === null) {
        return true;
      }
      if (action === 'copy' && event.type === 'keydown') {
        event.preventDefault(); // Chromium opens the element inspector on Ctrl+Shift+C otherwise
        if (term.hasSelection()) {
          copyText(term.getSelection());
        }
      }
      // Returning false without preventDefault lets the browser paste into xterm's textarea.
      return false;
    });
    const dataListener = term.onData((data) => connection?.sendInput(data));

    // 3. Size: refit whenever the container changes; tell the server, debounced, only when cols/rows change.
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const resizeListener = term.onResize(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => connection?.resize(term.cols, term.rows), resizeDebounceMs);
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fitNow);
    });
    observer.observe(container);

    function fitNow(): void {
      if (container.clientWidth > 0 && container.clientHeight > 0) {
        fit.fit();
      }
    }

    const setStatus = (state: Status, extra = ''): void => {
      status.dataset['state'] = state;
      status.textContent = state === 'connecting' ? t('connecting') : state === 'connected' ? t('connected') : t('connectionClosed');
      detail.textContent = extra;
      reconnect.hidden = state !== 'closed';
    };

    const writeLine = (text: string): void => {
      // The cursor column is only known once earlier output is parsed, hence the empty write first.
      term.write('', () => term.write(pageLine(text, term.buffer.active.cursorX)));
    };

    // 4. Connecting: a fresh single-use ticket for every socket.
    const connect = async (): Promise<void> => {
      const current = ++attempt;
      connection?.close();
      connection = null;
      setStatus('connecting');
      let ticket: string;
      try {
        ticket = (await context.api.createTicket(hostId)).ticket;
      } catch (error) {
        if (disposed || current !== attempt || error instanceof UnauthorizedError) {
          return;
        }
        const message = error instanceof ApiError ? error.message : String(error);
        writeLine(red(t('ticketFailed', { error: sanitize(message) })));
        setStatus('closed');
        return;
      }
      if (disposed || current !== attempt) {
        return;
      }
      connection = new TerminalConnection({
        url: terminalSocketUrl(window.location, hostId, term.cols, term.rows, ticket),
        cols: term.cols,
        rows: term.rows,
        handlers: {
          onReady: () => setStatus('connected'),
          onOutput: (text, rendered) => {
            mirror.append(text);
            term.write(text, rendered);
          },
          onError: (code, message) => {
            writeLine(red(sanitize(code === 'access_revoked' ? t('accessRevoked') : message || code)));
            if (code !== '') {
              detail.textContent = code;
            }
          },
          onClose: (code, reason) => {
            connection = null;
            const why = reason === '' ? t('closeCode', { code }) : `${t('closeCode', { code })}: ${sanitize(reason)}`;
            writeLine(`${yellow(t('connectionClosed'))} ${dim(`(${why})`)}`);
            setStatus('closed', why);
          },
        },
      });
    };

    reconnect.addEventListener('click', () => {
      void connect();
      term.focus();
    });

    // The host list is the only place the name lives; the id is shown until it arrives.
    const abort = new AbortController();
    context.api.hosts(abort.signal).then(
      (hosts) => {
        hostName = hosts.find((host) => host.id === hostId)?.name ?? hostId;
        hostLabel.textContent = hostName;
        document.title = `${hostName} · ${t('appName')}`;
      },
      () => {
        // Unauthorized is handled by the API client; otherwise the id stays as the label.
      },
    );
    document.title = `${hostName} · ${t('appName')}`;
    void connect();

    return () => {
      disposed = true;
      abort.abort();
      clearTimeout(resizeTimer);
      cancelAnimationFrame(frame);
      observer.disconnect();
      connection?.close();
      connection = null;
      dataListener.dispose();
      resizeListener.dispose();
      term.dispose();
      if (window.bastionTerminal === term) {
        delete window.bastionTerminal;
      }
    };
  };
}

