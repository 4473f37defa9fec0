import { Router } from 'express';
import { mermaidOf } from '../journeys/journey-graph.ts';
import { journeySvg, mermaidRenderer } from '../journeys/journey-svg.ts';
import type { BindingsStatus, JourneyStatus, LiveJourneys } from '../journeys/live-journeys.ts';
import { sendDevPage } from '../page/dev-page.ts';
import { escapeHtml } from '../page/html.ts';

/** One journey on the page: its status, and the served version's diagram. */
interface JourneyView extends JourneyStatus {
  mermaid?: string;
}

const STATUS_TEXT: Record<JourneyStatus['status'], string> = {
  serving: 'serving',
  'serving-last-good': 'refused: the last good version keeps serving',
  refused: 'refused: nothing serves it',
};

const time = (at: number) => escapeHtml(new Date(at).toISOString());

const lines = (cls: string, items: string[]) =>
  items.length ? `<pre class="${cls}">${escapeHtml(items.join('\n'))}</pre>` : '';

/**
 * The diagram as an image: an SVG drawn as `<img>` cannot run script or load anything, and the
 * page's CSP allows `data:` images, so the SVG keeps its own styles without an inline-style exception.
 */
const diagram = (id: string, label: string, svg: string) =>
  `<img class="diagram" alt="${escapeHtml(`State diagram of the ${id} journey, version ${label}`)}" src="data:image/svg+xml;base64,${escapeHtml(Buffer.from(svg).toString('base64'))}">`;

function journeySection(j: JourneyView, svg: string | undefined, renderer: boolean): string {
  const version = j.serving
    ? `<span class="version">${escapeHtml(j.serving.label)} · <code>${escapeHtml(j.serving.version)}</code></span>`
    : '';
  const loaded = j.serving ? `<p>Loaded ${time(j.serving.loadedAt)}</p>` : '';
  const picture = !j.mermaid
    ? ''
    : svg && j.serving
      ? diagram(j.id, j.serving.label, svg)
      : `<p class="note">${renderer ? 'No diagram.' : 'No diagram: beautiful-mermaid (a dev dependency) is not installed. Paste the Mermaid text into any Mermaid viewer.'}</p>`;
  return `<section id="journey-${escapeHtml(j.id)}"><h2>${escapeHtml(j.id)} ${version}</h2>
<p class="status ${escapeHtml(j.status)}">${escapeHtml(STATUS_TEXT[j.status])}</p>${loaded}
${lines('problems', j.problems)}${lines('warnings', j.warnings)}${picture}
${j.mermaid ? `<details><summary>Mermaid</summary><pre>${escapeHtml(j.mermaid)}</pre></details>` : ''}</section>`;
}

function bindingsSection(b: BindingsStatus, current: unknown): string {
  const text = b.status === 'serving' ? 'serving' : 'refused: the previous bindings keep serving';
  return `<section id="bindings"><h2>bindings.json</h2>
<p class="status ${escapeHtml(b.status)}">${escapeHtml(text)}</p><p>Loaded ${time(b.loadedAt)}</p>
${lines('problems', b.problems)}<details><summary>Bindings in use</summary><pre>${escapeHtml(JSON.stringify(current, null, 2))}</pre></details></section>`;
}

/**
 * `/dev/journeys` (outside production): each journey's served version, when it was loaded, whether
 * the file on disk is refused (with the lint lines) and its friction warnings, its diagram and Mermaid
 * text; and the bindings. `/dev/journeys.json` is the same as data.
 */
export function devJourneysRouter(live: LiveJourneys): Router {
  const router = Router();
  // Diagrams are drawn once per version: a version's content never changes.
  const svgs = new Map<string, Promise<string | undefined>>();
  const svgOf = (j: JourneyView) => {
    const served = live.served(j.id);
    if (!served || !j.serving) return Promise.resolve(undefined);
    const key = `${j.id}@${j.serving.version}`;
    if (!svgs.has(key))
      svgs.set(
        key,
        journeySvg(served.definition).catch(() => undefined),
      );
    return svgs.get(key)!;
  };
  const views = (): JourneyView[] =>
    live.journeys().map((j) => {
      const served = live.served(j.id);
      return served ? { ...j, mermaid: mermaidOf(served.definition) } : j;
    });

  router.get('/dev/journeys.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store').json({
      reloads: live.reloads,
      journeys: views(),
      bindings: live.bindingsStatus(),
    });
  });

  router.get('/dev/journeys', async (_req, res, next) => {
    try {
      const journeys = views();
      const svgs = await Promise.all(journeys.map(svgOf));
      const renderer = Boolean(await mermaidRenderer());
      const sections = journeys.map((j, i) => journeySection(j, svgs[i], renderer)).join('\n');
      sendDevPage(res, {
        title: 'Journeys',
        css: `body{max-width:1100px}
section{border:1px solid #8884;border-radius:10px;padding:14px 16px;margin:0 0 16px}h2{margin:0 0 6px;font-size:1.2em}
.version{font-weight:400;opacity:.75;font-size:.8em}.status{font-weight:600;margin:0}.status.serving{color:#15803d}
.status.serving-last-good,.status.refused{color:#b91c1c}p{margin:4px 0}pre{white-space:pre-wrap;font-size:.85em;margin:8px 0}
pre.problems{color:#b91c1c}pre.warnings{color:#a16207}.diagram{display:block;max-width:100%;height:auto;margin:12px 0;background:#fff;border-radius:8px}
.note{opacity:.7}`,
        body: `<h1>Journeys</h1><p>What new flows start on, outside production. A changed file is reloaded in development
(<code>npm run dev</code>); a refused one keeps its last good version serving. Flows already running finish on their version.
<a href="/dev/journeys.json">As JSON</a>.</p>
${sections}
${bindingsSection(live.bindingsStatus(), live.bindings())}`,
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
