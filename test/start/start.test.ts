import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, PorticoProcesses } from '../helpers/portico-process.ts';

const key = () => randomBytes(32).toString('base64url');

/** The nice value of each thread of a process, by thread name (Linux: `/proc/<pid>/task`). */
function threadNices(pid: number): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    // The fields after the name: state is the first, nice the seventeenth.
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    byName.set(name, [...(byName.get(name) ?? []), Number(fields[16])]);
  }
  return byName;
}

describe('starting Portico', () => {
  const processes = new PorticoProcesses();
  afterAll(() => processes.killAll());

  it('prints the URLs that matter, with the configured issuer', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const issuer = `http://127.0.0.1:${port}`;
    const running = await processes.start({ ISSUER: issuer, DATA_DIR: dataDir }, port);
    const { stdout } = running.output();
    expect(stdout).toContain(`Demo app:     ${issuer}/demo`);
    expect(stdout).toContain(`Discovery:    ${issuer}/.well-known/openid-configuration`);
    expect(stdout).toContain(`JWKS:         ${issuer}/jwks`);
    expect(stdout).toContain(`Mail outbox:  ${issuer}/dev/outbox`);
    expect(stdout).toContain(`Data:         ${dataDir}`);
    expect(stdout).toMatch(/development secret key was generated/);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(discovery.issuer).toBe(issuer);
    await processes.kill(running.child);
  });

  it('seals the keys with PORTICO_SECRET_KEY and refuses to start with another key', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const env = { ISSUER: `http://127.0.0.1:${port}`, DATA_DIR: dataDir };
    const secret = key();
    const first = await processes.start({ ...env, PORTICO_SECRET_KEY: secret }, port);
    expect(first.output().stdout).not.toMatch(/development secret key/);
    await processes.kill(first.child);

    const wrong = await processes.run({ ...env, PORTICO_SECRET_KEY: key() }, port);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /does not decrypt: PORTICO_SECRET_KEY differs from the key it was stored with/,
    );

    const again = await processes.start({ ...env, PORTICO_SECRET_KEY: secret }, port);
    await processes.kill(again.child);
  });

  it('refuses to run in production without a secret key, or with a malformed one, naming the variable', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const missing = await processes.run({ NODE_ENV: 'production', DATA_DIR: dataDir }, port);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/PORTICO_SECRET_KEY: required in production/);
    expect(missing.stderr).toMatch(/SMTP_URL: required in production/);
    const malformed = await processes.run({ DATA_DIR: dataDir, PORTICO_SECRET_KEY: 'short' }, port);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/PORTICO_SECRET_KEY: must be 32 random bytes/);
    const badPort = await processes.run({ DATA_DIR: dataDir, PORT: 'eighty' }, port);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/PORT: /);
  });

  it('stops at a bad CLIENTS_FILE entry, naming the client and the field', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const clients = join(dataDir, 'clients.json');
    writeFileSync(
      clients,
      JSON.stringify([{ client_id: 'shop', client_secret: 'x'.repeat(40), redirect_uris: ['nope'] }]),
    );
    const result = await processes.run({ DATA_DIR: dataDir, CLIENTS_FILE: clients }, port);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/client "shop" \(entry 0\), redirect_uris\.0: /);
  });

  it('says so when the port is taken, and exits', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const first = await processes.start({ DATA_DIR: dataDir }, port);
    const second = await processes.run({ DATA_DIR: mkdtempSync(join(tmpdir(), 'portico-start-')) }, port);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`port ${port} is already in use; set PORT to another one`);
    await processes.kill(first.child);
  });

  it('keeps no outbox in production: mail goes only through SMTP', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const production = {
      NODE_ENV: 'production',
      PORTICO_SECRET_KEY: key(),
      SMTP_URL: 'smtp://127.0.0.1:2525',
    };
    const running = await processes.start(
      { ...production, DATA_DIR: dataDir, ISSUER: `http://127.0.0.1:${port}` },
      port,
    );
    expect(running.output().stdout).not.toMatch(/Mail outbox/);
    expect((await fetch(`${running.url}/dev/outbox`)).status).toBe(404);
    await processes.kill(running.child);
  });

  it('hashes passwords at a lower CPU priority than the event loop, as HASH_THREAD_NICE says', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const byDefault = await processes.start({ DATA_DIR: dataDir, UV_THREADPOOL_SIZE: '3' }, port);
    const nices = threadNices(byDefault.child.pid!);
    expect(nices.get('libuv-worker')).toEqual([10, 10, 10]);
    expect(nices.get('MainThread')).toEqual([0]);
    await processes.kill(byDefault.child);

    const off = await processes.start({ DATA_DIR: dataDir, HASH_THREAD_NICE: '0' }, port);
    // Nothing changes priority (the pool starts with the first hash).
    expect([...threadNices(off.child.pid!).values()].flat().every((nice) => nice === 0)).toBe(true);
    await processes.kill(off.child);

    const bad = await processes.run({ DATA_DIR: dataDir, HASH_THREAD_NICE: '20' }, port);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/HASH_THREAD_NICE: /);
  });
});
