// The signed-in user's settings for the life of the page: loaded from `/api/me/settings` at sign-in, saved there on
// every change, and told to whoever listens (each open terminal, the page's theme) so a change applies live.

import { defaultSettings, pageTheme, parseSettings, type PageTheme, type TerminalSettings } from './terminalSettings';

export interface SettingsApi {
  call(method: string, path: string, body?: unknown): Promise<unknown>;
}

export type SettingsListener = (settings: TerminalSettings, theme: PageTheme) => void;

export const settingsPath = '/api/me/settings';

export class SettingsStore {
  private _settings: TerminalSettings = defaultSettings;
  private readonly _listeners = new Set<SettingsListener>();
  private readonly _media: MediaQueryList | null;
  private _generation = 0;

  constructor(private readonly _api: SettingsApi) {
    this._media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    // `system` follows the browser live, like the rest of the page would.
    this._media?.addEventListener('change', () => this.notify());
    this.applyPageTheme();
  }

  get settings(): TerminalSettings {
    return this._settings;
  }

  get theme(): PageTheme {
    return pageTheme(this._settings.theme, this._media?.matches ?? true);
  }

  /** Calls `listener` on every change (not now); returns the unsubscribe. */
  subscribe(listener: SettingsListener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** The user's saved settings; until they arrive (or if they cannot be read) the defaults stay. */
  async load(): Promise<void> {
    const generation = ++this._generation;
    try {
      const body = await this._api.call('GET', settingsPath);
      if (generation === this._generation) {
        this.set(parseSettings(body));
      }
    } catch {
      // Unauthorized is handled by the API client; otherwise the terminal works with the defaults.
    }
  }

  /** Signed out: back to the defaults, so the next user does not see this one's. */
  reset(): void {
    this._generation++;
    this.set(defaultSettings);
  }

  /** Applies `settings` at once (the open terminals, the page), then saves them; rejects with the server's error. */
  async save(settings: TerminalSettings): Promise<void> {
    const generation = ++this._generation;
    this.set(settings);
    const saved = await this._api.call('PUT', settingsPath, settings);
    if (generation === this._generation) {
      this.set(parseSettings(saved));
    }
  }

  private set(settings: TerminalSettings): void {
    this._settings = settings;
    this.notify();
  }

  private notify(): void {
    this.applyPageTheme();
    for (const listener of this._listeners) {
      listener(this._settings, this.theme);
    }
  }

  /** The whole page's colours: styles.css keys its variables on `data-theme`. */
  private applyPageTheme(): void {
    const root = document.documentElement;
    root.dataset['theme'] = this.theme;
    root.style.colorScheme = this.theme;
  }
}
