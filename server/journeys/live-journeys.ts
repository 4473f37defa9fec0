import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import type { Bindings } from './bindings.ts';
import { checkBindings, warningLines } from './journey-lint.ts';
import { type JourneyRegistry, journeyFiles, type LoadedJourney } from './journey-registry.ts';

/** Where one journey stands: what new flows start on, and why the file on disk is not it. */
export interface JourneyStatus {
  id: string;
  file: string;
  /**
   * `serving`: the file on disk is what new flows start on. `serving-last-good`: the file is refused
   * and the last good version keeps serving. `refused`: the file is refused and nothing serves it.
   */
  status: 'serving' | 'serving-last-good' | 'refused';
  /** The version new flows start on: human `label`, content-hash `version`, and when this process loaded it. */
  serving?: { label: string; version: string; loadedAt: number };
  /** Why the file is refused, as `file:state: message` lines. */
  problems: string[];
  /** The served version's friction smells, as `file:state: warning: message` lines. */
  warnings: string[];
}

/** Where `bindings.json` stands: a refused file keeps the previous bindings. */
export interface BindingsStatus {
  file: string;
  status: 'serving' | 'serving-last-good';
  loadedAt: number;
  problems: string[];
}

export interface LiveJourneysOptions {
  /** The journeys folder (`*.json` journeys and `bindings.json`). */
  dir: string;
  registry: JourneyRegistry;
  logger: Logger;
  now: () => number;
  /** Account-page tasks `bindings.json` must bind to a journey. */
  tasks: readonly string[];
  /** How long a burst of file changes must settle before one reload. @default 100 */
  debounceMs?: number;
}

const linesOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n');

/**
 * The journeys and bindings being served, reloadable while the server runs. A reload reads the
 * folder again: a changed journey becomes the version new flows start on (flows already running
 * finish on theirs, which the registry keeps), a broken one is refused and its last good version
 * keeps serving, and a broken `bindings.json` keeps the previous bindings.
 */
export class LiveJourneys {
  readonly registry: JourneyRegistry;
  private readonly opts: LiveJourneysOptions;
  private readonly bindingsFile: string;
  private currentBindings!: Bindings;
  private bindingsState!: BindingsStatus;
  private readonly statuses = new Map<string, JourneyStatus>();
  private readonly loadedAt = new Map<string, { version: string; at: number }>();
  private queue: Promise<void> = Promise.resolve();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** How many reloads have finished since the start (a page or a test can wait for the next one). */
  reloads = 0;

  private constructor(opts: LiveJourneysOptions) {
    this.opts = opts;
    this.registry = opts.registry;
    this.bindingsFile = join(opts.dir, 'bindings.json');
  }

  /**
   * Loads the folder at start. A refused journey with no last good version, or a refused
   * `bindings.json`, stops the start: there is nothing to fall back on yet.
   */
  static async load(opts: LiveJourneysOptions): Promise<LiveJourneys> {
    const live = new LiveJourneys(opts);
    const fatal = (await live.loadJourneys()).filter((r) => r.status.status === 'refused');
    if (fatal.length) throw new Error(fatal.map((r) => r.message).join('\n'));
    live.currentBindings = checkBindings(live.bindingsFile, opts.registry.ids(), opts.tasks);
    live.bindingsState = { file: live.bindingsFile, status: 'serving', loadedAt: opts.now(), problems: [] };
    return live;
  }

  /** The bindings new flows read (read it on every new flow: it changes on a reload). */
  bindings(): Bindings {
    return this.currentBindings;
  }

  bindingsStatus(): BindingsStatus {
    return this.bindingsState;
  }

  /** Every journey, in file-name order. */
  journeys(): JourneyStatus[] {
    return [...this.statuses.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The version new flows of a journey start on. */
  served(id: string): LoadedJourney | undefined {
    return this.registry.latest(id);
  }

  /** Reads the folder again (after the reloads already queued); never throws. */
  reload(): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        await this.loadJourneys();
        this.loadBindings();
      })
      .catch((err: unknown) => this.opts.logger.error({ err }, 'reloading the journeys failed'))
      .finally(() => {
        this.reloads++;
      });
    return this.queue;
  }

  /** Reloads whenever a `.json` file of the folder changes (debounced). Development only: see app.ts. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.opts.dir, (_event, name) => {
      if (name && !String(name).endsWith('.json')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), this.opts.debounceMs ?? 100);
      this.timer.unref();
    });
    this.watcher.on('error', (err) => this.opts.logger.warn({ err }, 'watching the journeys folder failed'));
    this.opts.logger.info(`Watching ${this.opts.dir}: a changed journey is reloaded without a restart`);
  }

  /** Stops watching; a reload in progress finishes. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.queue;
  }

  /**
   * Loads every journey file into the registry and records each one's status. Answers the
   * refusals, each with its message (`Journey <file> is refused:` and the lines).
   */
  private async loadJourneys(): Promise<{ status: JourneyStatus; message: string }[]> {
    const { registry, logger, now } = this.opts;
    const refused = new Map(
      (await registry.loadDirectory(this.opts.dir)).map((r) => [basename(r.error.file, '.json'), r.error]),
    );
    const ids = new Set([...journeyFiles(this.opts.dir).map((f) => basename(f, '.json')), ...registry.ids()]);
    const refusals: { status: JourneyStatus; message: string }[] = [];
    for (const id of ids) {
      const file = join(this.opts.dir, `${id}.json`);
      const journey = registry.latest(id);
      const error = refused.get(id);
      const problems = error
        ? error.lines
        : existsSync(file)
          ? []
          : [`${file}: the file is gone; its last version keeps serving until a restart`];
      const before = this.statuses.get(id);
      if (journey && this.loadedAt.get(id)?.version !== journey.version) {
        this.loadedAt.set(id, { version: journey.version, at: now() });
        if (before)
          logger.info({ journey: id, version: journey.version }, `Journey ${id} reloaded: ${journey.label}`);
      }
      const since = this.loadedAt.get(id);
      const status: JourneyStatus = {
        id,
        file,
        status: problems.length === 0 ? 'serving' : journey ? 'serving-last-good' : 'refused',
        ...(journey && since
          ? { serving: { label: journey.label, version: journey.version, loadedAt: since.at } }
          : {}),
        problems,
        warnings: journey ? warningLines(file, journey) : [],
      };
      this.statuses.set(id, status);
      if (!error) continue;
      refusals.push({ status, message: error.message });
      // Each new refusal once in the log (a reload of another file does not repeat it).
      if (before?.problems.join('\n') !== problems.join('\n'))
        logger.warn(
          { lines: problems },
          `${error.message}\n${journey ? `The last good version (${journey.label}) keeps serving.` : 'Nothing serves it.'}`,
        );
    }
    return refusals;
  }

  /** Reads bindings.json again; a refused file keeps the previous bindings. */
  private loadBindings(): void {
    const { registry, logger, now, tasks } = this.opts;
    try {
      const next = checkBindings(this.bindingsFile, registry.ids(), tasks);
      const changed = JSON.stringify(next) !== JSON.stringify(this.currentBindings);
      this.currentBindings = next;
      if (changed || this.bindingsState.status !== 'serving') {
        this.bindingsState = { file: this.bindingsFile, status: 'serving', loadedAt: now(), problems: [] };
        logger.info('Bindings reloaded');
      }
    } catch (err) {
      const problems = linesOf(err);
      if (problems.join('\n') !== this.bindingsState.problems.join('\n'))
        logger.warn({ lines: problems }, `${problems.join('\n')}\nThe previous bindings keep serving.`);
      this.bindingsState = { ...this.bindingsState, status: 'serving-last-good', problems };
    }
  }
}
