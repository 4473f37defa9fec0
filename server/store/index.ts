import { join } from 'node:path';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export type * from './store.ts';

/** Opens the configured store: the embedded SQLite database in `dataDir` (the default). */
export function openStore(opts: { dataDir: string }): Store {
  return openSqliteStore(join(opts.dataDir, 'portico.db'));
}
