// One tab of the workspace: its xterm terminal in a pane, its session link (which re-attaches after a drop), and the
// lines the page writes into the terminal. The tab stays alive while hidden; it is fitted again when shown.

import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/xterm';
import { dim, pageLine, red, sanitize, yellow } from '../ansi';
import { clipboardAction, copyText } from '../clipboard';
import { h } from '../dom';
import { endLine, errorWords, statusDetail } from '../linkWords';
import { OutputMirror } from '../output';
import { participantNotices } from '../participants';
import type { Participant } from '../protocol';
import { SessionLink, type LinkState, type LinkTickets } from '../sessionLink';
import { warningText } from '../serverText';
import { t } from '../strings';
import type { StoredTab } from '../tabStore';
import { loadRenderer } from './renderer';
import { SearchBar } from './searchBar';
import type { SettingsStore } from './settings/settingsStore';
import { terminalOptions } from './settings/terminalSettings';
import { webLinksAddon } from './webLinks';

const resizeDebounceMs = 150;

export interface TerminalTabOptions {
  readonly key: string;
  readonly hostId: string;
  readonly hostName: string;
  readonly sessionId: string | null;
  readonly tickets: LinkTickets;
  /** The link's state changed (or the session got its id): redraw the tab strip and status bar, save the tabs. */
  readonly onChange: (tab: TerminalTab) => void;
  /** The user's settings: applied at creation and live on every change. */
  readonly settings: SettingsStore;
  /** Typed input on its way to the shell (the extra-keys bar's sticky Ctrl and Alt). */
  readonly transformInput?: (data: string) => string;
}

/** A `warning` from the server, shown on the tab until input is typed or another one replaces it. */
export interface TabWarning {
  readonly code: string;
  readonly message: string;
}

export class TerminalTab {
  readonly key: string;
  readonly hostId: string;
  readonly pane: HTMLDivElement;
  readonly terminal: Terminal;
  readonly mirror = new OutputMirror();
  private _hostName: string;
  private readonly _fit = new FitAddon();
  private readonly _search = new SearchAddon();
  private readonly _searchBar: SearchBar;
  private readonly _settings: SettingsStore;
  private readonly _link: SessionLink;
  private readonly _observer: ResizeObserver;
  private readonly _disposables: { dispose(): void }[] = [];
  private _resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private _frame = 0;
  private _disposed = false;
  private _participants: readonly Participant[] = [];
  private _warning: TabWarning | null = null;

  constructor(options: TerminalTabOptions) {
    this.key = options.key;
    this.hostId = options.hostId;
    this._hostName = options.hostName;
    this.pane = h('div', { className: 'workspace-pane terminal-container', 'data-tab-key': options.key, 'data-host-id': options.hostId });

    this._settings = options.settings;
    this.terminal = new Terminal({
      allowProposedApi: true, // the unicode11 addon sets `term.unicode.activeVersion`, and search decorations: proposed APIs
      cursorBlink: true,
      lineHeight: 1.1,
      ...terminalOptions(this._settings.settings, this._settings.theme),
    });
    const term = this.terminal;
    term.loadAddon(this._fit);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11'; // East Asian wide characters and emoji as two cells, as the host's wcwidth says
    term.loadAddon(this._search);
    term.loadAddon(webLinksAddon());
    this._searchBar = new SearchBar(this._search, () => term.focus());
    this.pane.append(this._searchBar.element);

    term.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'KeyF') {
        event.preventDefault(); // the browser's own find does not see xterm's canvas rows
        this.openSearch();
        return false;
      }
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

    this._link = new SessionLink({
      hostId: options.hostId,
      sessionId: options.sessionId,
      tickets: options.tickets,
      location: window.location,
      size: () => ({ cols: term.cols, rows: term.rows }),
      // Limit warnings are the status bar's (onWarning), never a line in the terminal's text (issue 14).
      showsNotices: true,
      handlers: {
        onState: (state) => {
          this.showState(state);
          options.onChange(this);
        },
        onSession: () => options.onChange(this),
        // RIS through the write queue, so output still queued from before the drop cannot land after the reset.
        onAttached: () => term.write('\x1bc'),
        onOutput: (text, rendered) => {
          this.mirror.append(text);
          term.write(text, rendered);
        },
        onError: (code, message, values) => this.writeLine(red(sanitize(errorWords(code, message, values)))),
        onParticipants: (participants) => {
          // Page text, not host output: never sent to the server, never in the recording.
          for (const notice of participantNotices(this._participants, participants)) {
            this.writeLine(dim(sanitize(notice)));
          }
          this._participants = participants;
          options.onChange(this);
        },
        onWarning: (code, message, seconds) => {
          this._warning = { code, message: sanitize(warningText(code, message, seconds)).replace(/\r\n/g, ' ') };
          options.onChange(this);
        },
      },
    });
    this._disposables.push(
      term.onData((data) => {
        this._link.sendInput(options.transformInput?.(data) ?? data);
        if (this._warning !== null) {
          this._warning = null; // input postpones an idle timeout; a later warning shows again
          options.onChange(this);
        }
      }),
      term.onSelectionChange(() => {
        if (this._settings.settings.copyOnSelect && term.hasSelection()) {
          copyText(term.getSelection());
        }
      }),
      { dispose: this._settings.subscribe((settings, theme) => this.applySettings(terminalOptions(settings, theme))) },
      term.onResize(() => {
        clearTimeout(this._resizeTimer);
        this._resizeTimer = setTimeout(() => this._link.resize(term.cols, term.rows), resizeDebounceMs);
      }),
    );
    this._observer = new ResizeObserver(() => {
      cancelAnimationFrame(this._frame);
      this._frame = requestAnimationFrame(() => this.fit());
    });
  }

  get hostName(): string {
    return this._hostName;
  }

  set hostName(name: string) {
    this._hostName = name;
  }

  get state(): LinkState {
    return this._link.state;
  }

  get sessionId(): string | null {
    return this._link.sessionId;
  }

  /** Who is attached to this tab's session, as the server last said (the owner's own socket included). */
  get participants(): readonly Participant[] {
    return this._participants;
  }

  /** The last limit warning, until input is typed or another one comes. */
  get warning(): TabWarning | null {
    return this._warning;
  }

  /** A shell on the server this tab holds: closing the tab or leaving the page asks first. */
  get isLive(): boolean {
    return this._link.isLive;
  }

  get stored(): StoredTab {
    return { key: this.key, hostId: this.hostId, hostName: this._hostName, sessionId: this._link.sessionId };
  }

  /** Opens the terminal in its pane (the pane must be in the document, so xterm can measure) and connects. */
  start(): void {
    this.terminal.open(this.pane);
    this._disposables.push({ dispose: loadRenderer(this.terminal, this.pane) });
    this.fit();
    this._observer.observe(this.pane);
    this._link.start();
  }

  /** Fits the terminal to its pane; a pane that has no size (hidden workspace) keeps the last size. */
  fit(): void {
    if (!this._disposed && this.pane.clientWidth > 0 && this.pane.clientHeight > 0) {
      this._fit.fit();
    }
  }

  focus(): void {
    if (this._searchBar.shown) {
      this._searchBar.open();
    } else {
      this.terminal.focus();
    }
  }

  /** The search bar over the terminal (Ctrl+Shift+F, or the workspace's Search button). */
  openSearch(): void {
    this._searchBar.open();
  }

  /** Input from the extra-keys bar, as if typed. */
  sendKeys(data: string): void {
    this.terminal.input(data, true);
  }

  retranslate(): void {
    this._searchBar.retranslate();
  }

  /** A new shell on the same host (the Reconnect button). */
  restart(): void {
    this._participants = [];
    this._warning = null;
    this._link.restart();
  }

  /** Attaches again to this tab's session (the Sessions page's "attach" on a tab that lost it). */
  reattach(): void {
    this._link.reattach();
  }

  /** Ends the session, then the tab is gone. */
  end(): void {
    this._link.end();
    this.dispose();
  }

  /** Lets go of the session (it keeps running on the server for its grace period), then the tab is gone. */
  detach(): void {
    this._link.detach();
    this.dispose();
  }

  private dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    clearTimeout(this._resizeTimer);
    cancelAnimationFrame(this._frame);
    this._observer.disconnect();
    for (const disposable of this._disposables) {
      disposable.dispose();
    }
    this.terminal.dispose();
    this.pane.remove();
  }

  private applySettings(options: ReturnType<typeof terminalOptions>): void {
    if (this._disposed) {
      return;
    }
    Object.assign(this.terminal.options, options);
    this.fit(); // a new font size changes how many cells fit
  }

  private showState(state: LinkState): void {
    if (this._disposed) {
      return;
    }
    if (state.kind === 'connecting' && state.queued === true) {
      this.writeLine(dim(t('connectQueued'))); // the server sends "queued" once per socket
    }
    if (state.kind === 'reconnecting' && state.attempt === 1) {
      this.writeLine(dim(t('reconnecting'))); // once per drop; the status bar counts the attempts
    }
    if (state.kind !== 'closed') {
      return;
    }
    this._participants = []; // nobody is attached through this tab any more
    const line = endLine(state.end);
    if (line !== null) {
      const detail = statusDetail(state);
      this.writeLine(detail === '' || detail === line ? yellow(line) : `${yellow(line)} ${dim(`(${sanitize(detail)})`)}`);
    }
  }

  private writeLine(text: string): void {
    if (this._disposed) {
      return;
    }
    // The cursor column is only known once earlier output is parsed, hence the empty write first.
    this.terminal.write('', () => this.terminal.write(pageLine(text, this.terminal.buffer.active.cursorX)));
  }
}
