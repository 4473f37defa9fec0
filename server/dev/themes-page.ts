/**
 * `/dev/themes` (development only): each theme's status (serving, refused with the last good version
 * serving, refused), why a refused one is refused, and its contrast and copy warnings, with links to
 * its preview. `/dev/themes.json` is the same as data.
 */
import { Router } from 'express';
import { sendDevPage } from '../page/dev-page.ts';
import { escapeHtml } from '../page/html.ts';
import type { LiveThemes, ThemeStatus } from '../themes/index.ts';

const STATUS_TEXT: Record<ThemeStatus['status'], string> = {
  serving: 'serving',
  'serving-last-good': 'refused: the last good version keeps serving',
  refused: 'refused: nothing serves it',
};

function section(t: ThemeStatus): string {
  const problem = t.problem ? `<pre class="problem">${escapeHtml(t.problem)}</pre>` : '';
  const warnings = t.warnings.length
    ? `<h3>Warnings</h3><ul>${t.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '<p>No warnings: every colour pair passes WCAG 2.2 AA contrast.</p>';
  return `<section><h2>${escapeHtml(t.id)} <span class="status ${t.status}">${STATUS_TEXT[t.status]}</span></h2>
<p>Loaded ${escapeHtml(new Date(t.loadedAt).toISOString())} · <a href="/preview?brand=${encodeURIComponent(t.id)}">Preview every screen</a></p>${problem}${warnings}</section>`;
}

/** The router for `/dev/themes` and `/dev/themes.json`. */
export function devThemesRouter(themes: LiveThemes): Router {
  const router = Router();
  router.get('/dev/themes.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(themes.status());
  });
  router.get('/dev/themes', (_req, res) => {
    sendDevPage(res, {
      title: 'Themes',
      css: 'body{max-width:860px}section{border:1px solid #8884;border-radius:10px;padding:4px 18px 12px;margin:0 0 16px}.status{font-size:.6em;font-weight:500;padding:2px 8px;border-radius:99px;border:1px solid currentColor}.problem{color:#b91c1c}',
      body: `<h1>Themes</h1><p>Edit <code>themes/&lt;brand&gt;/theme.json</code>: a valid change serves at once; a broken one is refused here and in the log, and its last good version keeps serving.</p>${themes.status().map(section).join('')}`,
    });
  });
  return router;
}
