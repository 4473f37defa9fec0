import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import { openStore, type Store } from '../store/index.ts';
import type { ReportIo } from './report-command.ts';

/**
 * Runs a report command's work on the configured store (SQLite in DATA_DIR, or DATABASE_URL) and
 * closes it; answers 1 with a message naming the command when there is no database to read.
 */
export async function withReportStore(
  command: string,
  config: Config,
  io: ReportIo,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  const database = join(config.dataDir, 'portico.db');
  if (!config.databaseUrl && !existsSync(database)) {
    io.stderr(`report ${command}: there is no database at ${database}; set DATA_DIR, or DATABASE_URL\n`);
    return 1;
  }
  const store = await openStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
