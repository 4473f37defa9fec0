import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadMermaidRenderer, sanitizeSvg } from '../../server/journeys/journey-svg.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** `npm run journeys -- <args>`, as a child process in `cwd`: its exit code and output. */
async function journeys(args: string[], cwd = ROOT) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts', 'journeys.ts'), ...args], {
      cwd,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const done = { type: 'final', meta: { outcome: 'authenticated' } };
const journey = (id: string, states: Record<string, unknown>) =>
  JSON.stringify({ id, version: '1.0.0', initial: Object.keys(states)[0], states });

/** Two mailed codes in a row: a smell, not an error. */
const twice = journey('twice', {
  confirm: { meta: { step: 'email-code' }, on: { 'code.verified': 'second' } },
  second: { meta: { step: 'email-code' }, on: { 'code.verified': 'done' } },
  done,
});
const clean = journey('clean', {
  ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'secret' } },
  secret: { meta: { step: 'password' }, on: { 'password.verified': 'done', 'password.rejected': 'secret' } },
  done,
});

describe('npm run journeys -- lint', () => {
  it('exits 0 when a folder has warnings only, printing them as file:state: warning lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-lint-'));
    writeFileSync(join(dir, 'clean.json'), clean);
    writeFileSync(join(dir, 'twice.json'), twice);
    const result = await journeys(['lint', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/twice\.json:confirm: warning: step "email-code" is shown twice in a row/);
    expect(result.stdout).toMatch(/^ok {3}.*clean\.json$/m);
    expect(result.stdout).toContain('2 journeys: 0 errors, 1 warning');
  });

  it('takes --max-screens for the longest shortest way to success', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-lint-'));
    writeFileSync(join(dir, 'clean.json'), clean);
    const result = await journeys(['lint', '--max-screens', '1', join(dir, 'clean.json')], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'clean.json:ask: warning: the shortest way to success shows 2 screens, more than 1: ask (identify) > secret (password) > done',
    );
    expect((await journeys(['lint', '--max-screens', 'many', dir])).code).toBe(1);
  });

  it('exits 1 with file:state: message lines when a journey breaks a rule the server enforces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-lint-'));
    writeFileSync(join(dir, 'twice.json'), twice);
    writeFileSync(
      join(dir, 'broken.json'),
      journey('broken', {
        ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'nowhere' } },
        done,
      }),
    );
    writeFileSync(join(dir, 'misnamed.json'), clean);
    const result = await journeys(['lint', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'broken.json:ask: on "identifier.submitted": target "nowhere" does not exist',
    );
    expect(result.stdout).toContain(
      'misnamed.json: "id" is "clean" but the file is misnamed.json; make them equal',
    );
    expect(result.stdout).toContain('twice.json:confirm: warning:');
  });

  it('checks the bindings of a folder, as the server does at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-lint-'));
    writeFileSync(join(dir, 'clean.json'), clean);
    writeFileSync(
      join(dir, 'bindings.json'),
      JSON.stringify({
        default: { login: 'clean', signup: 'signup', consent: 'clean', stepup: 'clean', recovery: 'clean' },
      }),
    );
    const result = await journeys(['lint', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/bindings\.json: .*"signup"/);
  });

  it('passes the shipped journeys, with warnings at most', async () => {
    const result = await journeys(['lint']);
    expect(result.stdout).not.toMatch(/^(?!.*: warning: ).+\.json:.*: /m);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}journeys\/bindings\.json$/m);
  });
});

describe('npm run journeys -- graph', () => {
  it('writes an SVG with --svg that requests nothing from the network', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'portico-graph-')), 'login.svg');
    const result = await journeys(['graph', 'login', '--svg', out]);
    expect(result.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('provideIdentifier');
    expect(svg).toContain('(decision)');
    // The only URL left is the SVG namespace, a name that is never fetched.
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:/);
    expect(svg).not.toMatch(/@import|googleapis/);
    expect(svg).toContain('font-family: system-ui');
  });

  it('prints Mermaid text without --svg', async () => {
    const result = await journeys(['graph', 'signup']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^stateDiagram-v2\n/);
  });

  it('knows when the renderer is not installed (a production install without dev dependencies)', async () => {
    const missing = Object.assign(new Error("Cannot find package 'beautiful-mermaid'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(await loadMermaidRenderer(() => Promise.reject(missing))).toBeUndefined();
    expect(await loadMermaidRenderer()).toBeTypeOf('function');
  });

  it('strips from an SVG every external reference, script and event handler, and keeps fragments', () => {
    const svg = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><style>
  @import url('https://fonts.googleapis.com/css2?family=Inter:wght@400;500&amp;display=swap');
  text { font-family: 'Inter', system-ui, sans-serif; background: url(https://example.com/x.png); }
</style><script>alert(2)</script><a href="https://example.com"><text>hi</text></a>
<polyline marker-end="url(#arrowhead)"/></svg>`);
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|@import|Inter|alert/);
    expect(svg).toContain('url(#arrowhead)');
    expect(svg).toContain('<text>hi</text>');
  });
});
