import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AttackFigures } from '../../bench/attack-result.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');

describe('npm run bench -- attack', () => {
  it('stuffs credentials from spoofed addresses against a real server, and reports what got through', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'portico-attack-')), 'attack.json');
    const { stdout } = await run(process.execPath, ['bench/run.ts', 'attack', '--smoke', '--json', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 240_000,
    });
    expect(stdout).toContain('Credential stuffing against Portico');
    const figures = JSON.parse(readFileSync(out, 'utf8')) as AttackFigures;
    expect(Object.keys(figures)).toEqual(
      expect.arrayContaining([
        'attackAttempts',
        'attackerTokensWithoutChallenge',
        'detectedAfterAttempts',
        'legitSignIns',
        'legitChallengedRatio',
        'legitBlocked',
        'requestsPerSec',
      ]),
    );
    expect(figures.attackAttempts).toBe(600);
    // Detected early, nothing through afterwards, the people let in without friction.
    expect(figures.detectedAfterAttempts).toBeLessThanOrEqual(200);
    expect(figures.attackerTokensAfterDetection).toBe(0);
    expect(figures.attackOutcomes.error).toBe(0);
    expect(figures.legitSignIns).toBeGreaterThan(0);
    expect(figures.legitBlocked).toBe(0);
    expect(figures.legitChallengedRatio).toBeLessThanOrEqual(0.02);
  }, 300_000);
});
