import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunnelReport } from '../../server/reports/index.ts';
import { openSqliteStore } from '../../server/store/index.ts';
import { appendFlow, LOGIN_LABEL } from './flow-log.ts';
import { loginScenario } from './login-scenario.ts';
import { xmlProblems } from './well-formed-xml.ts';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** Runs `node scripts/report.ts ...` on a data folder; answers its output and exit code. */
async function report(dataDir: string, ...args: string[]) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/report.ts', ...args], {
      cwd: root,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A data folder whose SQLite database holds these flows' events, as a running Portico would leave it. */
async function dataDirWith(plans: Parameters<typeof appendFlow>[1][]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-report-'));
  const store = openSqliteStore(join(dir, 'portico.db'));
  for (const plan of plans) await appendFlow(store, plan);
  await store.close();
  return dir;
}

describe('npm run report -- funnel', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await dataDirWith(loginScenario(Date.now()));
  });

  it('prints each screen of the journey with its counts and median time, then the conversion', async () => {
    const { code, stdout, stderr } = await report(dataDir, 'funnel', 'login', '--since', '7d');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^Funnel of login \\(version ${LOGIN_LABEL.replaceAll('.', '\\.')}\\), flows started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC to `,
      ),
    );
    expect(stdout).toContain('all flows: 10 started, 5 converted, 1 failed, 3 abandoned, 1 in progress');
    expect(stdout).toMatch(
      /step\s+reached\s+forward\s+dropped\s+back\s+in progress\s+median time\n\s+provideIdentifier \(identify\)\s+10\s+8\s+2\s+0\s+0\s+9\.0s\n\s+solveChallenge \(captcha\)\s+0\s+0\s+0\s+0\s+0\s+–\n\s+providePassword \(password\)\s+8\s+4\s+2\s+1\s+1\s+12\.0s\n/,
    );
    expect(stdout).toMatch(/enterTotp \(totp\)\s+2\s+2\s+0\s+0\s+0\s+20\.0s/);
    expect(stdout).toMatch(/usePasskey \(passkey\)\s+0\s+0\s+0\s+0\s+0\s+–/);
    expect(stdout).not.toMatch(/checkFactors|secondFactor\b|signedIn|cannotMeet/);
    expect(stdout).toMatch(/all flows\s+10\s+5\s+50\.0%\s+23\.7% – 76\.3%/);
  });

  it('splits by variant and tests each against the control', async () => {
    const { code, stdout } = await report(dataDir, 'funnel', 'login', '--since', '7d', '--by', 'variant');
    expect(code).toBe(0);
    expect(stdout).toContain('control: 4 started, 2 converted, 0 failed, 2 abandoned, 0 in progress');
    expect(stdout).toContain('b: 5 started, 2 converted, 1 failed, 1 abandoned, 1 in progress');
    expect(stdout).toContain('(no variant): 1 started, 1 converted');
    expect(stdout).toMatch(/control\s+4\s+2\s+50\.0%\s+15\.0% – 85\.0%\s+control/);
    expect(stdout).toMatch(/b\s+5\s+2\s+40\.0%\s+11\.8% – 76\.9%\s+z = -0\.30, p = 0\.764/);
  });

  it('prints the same report as JSON', async () => {
    const { code, stdout } = await report(
      dataDir,
      'funnel',
      'login',
      '--since',
      '24h',
      '--by',
      'variant',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as FunnelReport;
    expect(json.journey.id).toBe('login');
    expect(json.by).toBe('variant');
    // In the last 24 hours: A, B, C, G (control), D, E (b), J.
    expect(json.groups.map((g) => [g.variant, g.started, g.converted])).toEqual([
      ['control', 4, 2],
      ['b', 2, 0],
      [null, 1, 1],
    ]);
    expect(json.groups[1]!.test).toMatchObject({
      against: 'control',
      z: expect.any(Number),
      p: expect.any(Number),
    });
  });

  it('draws a self-contained SVG funnel chart, one bar per screen and variant', async () => {
    const file = join(dataDir, 'funnel.svg');
    const { code, stdout, stderr } = await report(
      dataDir,
      'funnel',
      'login',
      '--by',
      'variant',
      '--svg',
      file,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Conversion');
    expect(stderr).toContain(`Wrote the funnel chart to ${file}`);
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox=/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(
      /https?:|href|url\(|@import|@font-face/,
    );
    expect(svg).toContain(`<title id="funnel-title">Funnel of login (version ${LOGIN_LABEL})</title>`);
    // The six screens some flow reached and the conversion row, for three groups.
    expect(svg.match(/<rect x="260"/g)).toHaveLength(7 * 3);
    expect(svg).not.toContain('usePasskey');
    expect(svg).toContain('control, provideIdentifier: 4 of 4');
  });

  it('escapes what the log says before it goes into the chart', async () => {
    const dir = await dataDirWith([
      { id: 'x', variant: `<script>alert("&")</script>`, at: Date.now() - 1000, start: 'provideIdentifier' },
    ]);
    const file = join(dir, 'chart.svg');
    expect((await report(dir, 'funnel', 'login', '--by', 'variant', '--svg', file)).code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;');
  });

  it('refuses bad arguments with a clear message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['funnel', 'login', '--since', '3 weeks'],
        /since "3 weeks" is not a period: use .*30m, 24h, 7d.*ISO date/,
      ],
      [['funnel', 'login', '--since', '2999-01-01'], /since "2999-01-01" is in the future/],
      [['funnel', 'login', '--by', 'device'], /by "device" is not a grouping: the only one is "variant"/],
      [['funnel', 'login', '--colour'], /Unknown option '--colour'/],
      [['funnel', 'logn'], /unknown journey "logn"; journeys: .*\blogin\b.*\bsignup\b/],
      [['funnel'], /name a journey: .*\blogin\b/],
      [['funnel', 'login', 'signup'], /one journey at a time/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await report(dataDir, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout, args.join(' ')).toBe('');
      expect(stderr, args.join(' ')).toMatch(message);
      expect(stderr, args.join(' ')).toContain('usage: npm run report -- funnel <journey>');
    }
  });

  it('lists its commands when none or an unknown one is named', async () => {
    for (const args of [[], ['weather']]) {
      const { code, stderr } = await report(dataDir, ...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /usage: npm run report -- <command>[\s\S]*\n {2}funnel +<journey>[\s\S]*\n {2}security +\[--since/,
      );
    }
    expect((await report(dataDir, 'weather')).stderr).toContain('report: no command "weather"');
    const help = await report(dataDir, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('funnel');
  });

  it('says where it looked when there is no database', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'portico-report-empty-'));
    const { code, stderr } = await report(empty, 'funnel', 'login');
    expect(code).toBe(1);
    expect(stderr).toContain(`there is no database at ${join(empty, 'portico.db')}`);
  });
});
