import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SecurityReport } from '../../server/reports/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { solvedChallenge } from '../helpers/challenge.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { browserAt, seedAccount, typeEmail } from './security-world.ts';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const TOKEN = 'security-report-token-0123456789abcdef';

describe('the security report', () => {
  const ctx = usePortico({ env: { TRUSTED_PROXIES: '127.0.0.1, ::1', ADMIN_TOKEN: TOKEN } });

  beforeAll(async () => {
    await seedAccount(ctx.portico, 'target@example.com');
    await seedAccount(ctx.portico, 'breached-user@example.com', 'password123');
    // 20 addresses (one real) failing from one IP, then challenges for it; 3 failures from another network.
    for (let i = 0; i < 22; i++) {
      const browser = browserAt(ctx.portico, '203.0.113.9');
      const { screen } = await typeEmail(
        ctx,
        browser,
        i === 0 ? 'target@example.com' : `list-${i}@example.com`,
      );
      if (screen.step === 'password') await browser.submit(screen, { password: 'from a leaked list' });
      else await browser.next(screen, await solvedChallenge(screen), 'challenge.solve');
    }
    for (let i = 0; i < 3; i++) {
      const browser = browserAt(ctx.portico, `198.51.100.${i + 1}`);
      const { screen } = await typeEmail(ctx, browser, 'target@example.com');
      await browser.submit(screen, { password: 'another guess' });
    }
    const owner = browserAt(ctx.portico, '192.0.2.8');
    const { screen } = await typeEmail(ctx, owner, 'breached-user@example.com');
    await owner.submit(screen, { password: 'password123' });
    const right = browserAt(ctx.portico, '192.0.2.9');
    const signIn = await typeEmail(ctx, right, 'target@example.com');
    await right.submit(signIn.screen, { password: TEST_PASSWORD });
  });

  const expected = (r: SecurityReport) => {
    expect(r.signIns).toEqual({ attempts: 25, failed: 23, succeeded: 2, failureRatio: 0.92 });
    expect(r.topIps[0]).toEqual({ key: '203.0.113.9', failures: 20, accounts: 1 });
    expect(r.topPrefixes.map((p) => p.key)).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    expect(r.topPrefixes[1]).toEqual({ key: '198.51.100.0/24', failures: 3, accounts: 1 });
    expect(r.accountsUnderAttack).toEqual([
      { accountId: expect.any(String), email: 'target@example.com', failures: 4, ips: 4 },
    ]);
    expect(r.challenges).toEqual({ shown: 2, solved: 2, failed: 0, solveRate: 1 });
    expect(r.breachedPasswords).toEqual({ signInHits: 1, refused: 0, refusedAtSignUp: 0 });
    expect(r.risk.medium).toBe(2);
  };

  it('prints failures by IP and network, accounts under attack, challenges and breached passwords', async () => {
    const env = { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: ctx.portico.dataDir };
    const table = await run(process.execPath, ['scripts/report.ts', 'security', '--since', '24h'], {
      cwd: root,
      env,
    });
    expect(table.stdout).toMatch(/^Security report, \d{4}-/);
    expect(table.stdout).toContain('Sign-ins with a password: 25 (23 failed, 92.0%)');
    expect(table.stdout).toMatch(/203\.0\.113\.9\s+20\s+1/);
    expect(table.stdout).toMatch(/target@example\.com\s+4 failures from 4 IPs/);
    expect(table.stdout).toContain('Challenges: 2 shown, 2 solved (100.0%), 0 failed');
    const json = await run(process.execPath, ['scripts/report.ts', 'security', '--json'], { cwd: root, env });
    expected(JSON.parse(json.stdout) as SecurityReport);
    const bad = await run(process.execPath, ['scripts/report.ts', 'security', '--since', 'yesterday'], {
      cwd: root,
      env,
    }).catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a period') });
  });

  it('answers the same data as JSON on the admin API, to the admin token only', async () => {
    const url = `${ctx.portico.url}/admin/api/security?since=24h`;
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expected((await response.json()) as SecurityReport);
    const wrong = await fetch(`${url}&top=0`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(wrong.status).toBe(400);
  });
});
