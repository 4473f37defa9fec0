import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPortico } from '../helpers/portico-server.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { devJourneys, journeysCopy, untilReloaded } from './dev-status.ts';

const shipped = (id: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'journeys', `${id}.json`), 'utf8')) as {
    version: string;
  };

/** The SVG documents the page carries as `data:` images. */
const diagramsOf = (html: string) =>
  [...html.matchAll(/<img class="diagram" alt="[^"]*" src="data:image\/svg\+xml;base64,([^"]+)">/g)].map(
    (m) => Buffer.from(m[1]!, 'base64').toString('utf8'),
  );

describe('/dev/journeys', () => {
  const ctx = usePortico();

  it('lists each journey with its versions, status, warnings, diagram and Mermaid text', async () => {
    const response = await fetch(`${ctx.portico.url}/dev/journeys`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const login = (await devJourneys(ctx.portico.url)).journeys.find((j) => j.id === 'login')!;
    expect(login).toMatchObject({
      status: 'serving',
      problems: [],
      serving: { label: shipped('login').version },
    });
    expect(login.serving?.version).toMatch(/^[\w-]{12}$/);
    expect(html).toContain(
      `<section id="journey-login"><h2>login <span class="version">${login.serving?.label}`,
    );
    expect(html).toContain(`<code>${login.serving?.version}</code>`);
    expect(html).toContain(`Loaded ${new Date(login.serving!.loadedAt).toISOString()}`);
    expect(html).toMatch(
      /login\.json:confirmByEmail: warning: step &quot;email-code&quot; is shown twice in a row/,
    );
    expect(html).toContain('provideIdentifier --&gt; providePassword : identifier.submitted');
    expect(html).toContain('<h2>bindings.json</h2>');
  });

  it('draws each diagram as an image that requests nothing, under the strict CSP', async () => {
    const response = await fetch(`${ctx.portico.url}/dev/journeys`);
    const html = await response.text();
    const nonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toMatch(/<script|style="/);
    const svgs = diagramsOf(html);
    expect(svgs.length).toBe((await devJourneys(ctx.portico.url)).journeys.length);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg /);
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|@import|<script/);
    }
  });

  it('escapes what a refused journey file says', async () => {
    const dir = journeysCopy();
    const running = await startPortico({ journeysDir: dir, watchJourneys: true });
    try {
      const consent = JSON.parse(readFileSync(join(dir, 'consent.json'), 'utf8'));
      consent.states.askConsent.meta.step = '<img src=x onerror=alert(1)>';
      writeFileSync(join(dir, 'consent.json'), JSON.stringify(consent));
      await untilReloaded(running.url, 'consent is refused', (s) =>
        s.journeys.some((j) => j.id === 'consent' && j.status === 'serving-last-good'),
      );
      const html = await (await fetch(`${running.url}/dev/journeys`)).text();
      expect(html).toContain(
        'consent.json:askConsent: unknown step &quot;&lt;img src=x onerror=alert(1)&gt;&quot;',
      );
      expect(html).not.toContain('<img src=x');
    } finally {
      await running.stop();
    }
  });

  it('does not exist in production', async () => {
    const running = await startPortico({
      env: {
        NODE_ENV: 'production',
        PORTICO_SECRET_KEY: randomBytes(32).toString('base64url'),
        SMTP_URL: 'smtp://127.0.0.1:2525',
      },
    });
    try {
      expect((await fetch(`${running.url}/dev/journeys`)).status).toBe(404);
      expect((await fetch(`${running.url}/dev/journeys.json`)).status).toBe(404);
    } finally {
      await running.stop();
    }
  });
});
