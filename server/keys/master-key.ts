import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';

/**
 * The key that encrypts secrets at rest: `PORTICO_SECRET_KEY`, or outside production a generated
 * development key kept in `DATA_DIR/dev-secret.key` (mode 0600) so restarts reuse it.
 */
export function loadMasterKey(config: Config): { key: Buffer; generated: boolean } {
  if (config.secretKey) return { key: Buffer.from(config.secretKey, 'base64url'), generated: false };
  const file = join(config.dataDir, 'dev-secret.key');
  if (existsSync(file))
    return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'), generated: false };
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
