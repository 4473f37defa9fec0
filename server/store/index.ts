import { join } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export type * from './store.ts';
export { openPostgresStore, openSqliteStore };

/**
 * Opens the configured store: PostgreSQL when `databaseUrl` is set, otherwise the embedded SQLite
 * database in `dataDir` (the default).
 */
export async function openStore(opts: {
  dataDir: string;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
  /**
   * The store of a running server (not of a script): SQLite checkpoints from a worker thread and
   * reads inside its write groups.
   */
  serving?: boolean;
}): Promise<Store> {
  if (opts.databaseUrl)
    return openPostgresStore({
      url: opts.databaseUrl,
      ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
    });
  return openSqliteStore(join(opts.dataDir, 'portico.db'), { serving: opts.serving ?? false });
}
export { startSweeper } from './sweeper.ts';
