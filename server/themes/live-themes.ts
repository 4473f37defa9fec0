/**
 * The themes being served, reloadable while the server runs (development only). A changed theme
 * that loads becomes what pages use at once; a broken one is refused with its message in the log and
 * on `/dev/themes`, and its last good version keeps serving.
 */
import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  type LoadedTheme,
  type LoadThemeOptions,
  loadTheme,
  loadThemes,
  themeFolders,
} from './load-themes.ts';

/** Where one theme stands. */
export interface ThemeStatus {
  id: string;
  /** `serving-last-good`: the folder on disk is refused and the last good version keeps serving. */
  status: 'serving' | 'serving-last-good' | 'refused';
  loadedAt: number;
  /** Why the folder on disk is refused. */
  problem?: string;
  /** Contrast and copy warnings of the version serving. */
  warnings: string[];
}

export interface LiveThemesOptions extends LoadThemeOptions {
  dir: string;
  logger: Logger;
  now: () => number;
  /** How long a burst of file changes must settle before one reload. @default 100 */
  debounceMs?: number;
}

/** The served themes; `current()` is what a page uses now. */
export class LiveThemes {
  private themes: Map<string, LoadedTheme>;
  private readonly statuses = new Map<string, ThemeStatus>();
  private readonly listeners = new Set<(changed: string[]) => void>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly opts: LiveThemesOptions;

  /** Loads every theme; a bad one throws (the start stops), warnings go to the log. */
  constructor(opts: LiveThemesOptions) {
    this.opts = opts;
    this.themes = loadThemes(opts.dir, opts);
    for (const theme of this.themes.values()) {
      this.statuses.set(theme.id, {
        id: theme.id,
        status: 'serving',
        loadedAt: opts.now(),
        warnings: theme.warnings,
      });
      for (const warning of theme.warnings) opts.logger.warn(`theme warning: ${warning}`);
    }
  }

  /** The themes serving now, keyed by id. */
  current(): Map<string, LoadedTheme> {
    return this.themes;
  }

  /** Each theme's status, for `/dev/themes`. */
  status(): ThemeStatus[] {
    return [...this.statuses.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Called with the ids of the themes whose served version changed. */
  onChange(listener: (changed: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads every theme folder again; each broken one keeps its last good version. */
  reload(): string[] {
    const next = new Map(this.themes);
    const changed: string[] = [];
    for (const folder of themeFolders(this.opts.dir)) {
      const previous = this.themes.get(folder);
      try {
        const theme = loadTheme(join(this.opts.dir, folder), this.opts);
        next.set(theme.id, theme);
        if (
          previous?.css !== theme.css ||
          previous.name !== theme.name ||
          JSON.stringify(previous.copy) !== JSON.stringify(theme.copy)
        ) {
          changed.push(theme.id);
          this.opts.logger.info(`theme ${theme.id} reloaded`);
          for (const warning of theme.warnings) this.opts.logger.warn(`theme warning: ${warning}`);
        }
        this.statuses.set(theme.id, {
          id: theme.id,
          status: 'serving',
          loadedAt: this.opts.now(),
          warnings: theme.warnings,
        });
      } catch (err) {
        const problem = (err as Error).message;
        const was = this.statuses.get(folder);
        if (was?.problem !== problem)
          this.opts.logger.error(
            `theme ${folder} refused, ${previous ? 'the last good version keeps serving' : 'not served'}: ${problem}`,
          );
        this.statuses.set(folder, {
          id: folder,
          status: previous ? 'serving-last-good' : 'refused',
          loadedAt: was?.loadedAt ?? this.opts.now(),
          problem,
          warnings: previous?.warnings ?? [],
        });
      }
    }
    this.themes = next;
    if (changed.length > 0) for (const listener of this.listeners) listener(changed);
    return changed;
  }

  /** Reloads whenever a file under the themes folder changes (debounced). Development only. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.opts.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), this.opts.debounceMs ?? 100);
    });
    this.watcher.on('error', (err) => this.opts.logger.warn({ err }, 'watching the themes folder failed'));
  }

  /** Stops watching. */
  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
