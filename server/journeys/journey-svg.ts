/**
 * Journey diagrams as SVG, drawn by beautiful-mermaid (a dev dependency: no browser, no network).
 * A production install without dev dependencies has no renderer; callers say so instead of failing.
 */
import { mermaidOf } from './journey-graph.ts';
import type { JourneyDefinition } from './journey-schema.ts';

/** Mermaid text in, SVG text out. */
export type MermaidRenderer = (mermaid: string) => Promise<string>;

/** The fonts the diagram uses instead of the web font beautiful-mermaid would fetch from Google. */
const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MONO_FONTS = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/**
 * Loads beautiful-mermaid's renderer; undefined when the package is not installed. `load` is the
 * import, replaceable so tests can play a production install.
 */
export async function loadMermaidRenderer(
  load: () => Promise<{ renderMermaidSVGAsync: MermaidRenderer }> = () => import('beautiful-mermaid'),
): Promise<MermaidRenderer | undefined> {
  try {
    return (await load()).renderMermaidSVGAsync;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

let shared: Promise<MermaidRenderer | undefined> | undefined;

/** The renderer, loaded once per process. */
export function mermaidRenderer(): Promise<MermaidRenderer | undefined> {
  shared ??= loadMermaidRenderer();
  return shared;
}

/**
 * Makes a rendered SVG request nothing and run nothing: drops `@import` rules (beautiful-mermaid
 * imports its web font from fonts.googleapis.com), every `url(...)` that is not a fragment of the
 * document itself (markers use `url(#arrowhead)`), links, scripts and event-handler attributes; names
 * a system font stack instead of the web font.
 */
export function sanitizeSvg(svg: string): string {
  return svg
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s+(?:xlink:)?href\s*=\s*("(?!#)[^"]*"|'(?!#)[^']*')/gi, '')
    .replace(/[ \t]*@import\s+(?:url\([^)]*\)|"[^"]*"|'[^']*')[^;]*;[ \t]*\n?/gi, '')
    .replace(/[ \t]*@import[^;]*;[ \t]*\n?/gi, '')
    .replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, 'none')
    .replace(/(\.mono\s*\{\s*font-family:)[^;}]*/g, `$1 ${MONO_FONTS}`)
    .replace(/(font-family:)(?! ui-monospace)[^;}]*/g, `$1 ${SYSTEM_FONTS}`);
}

/** A journey's state diagram as a self-contained SVG; undefined where beautiful-mermaid is not installed. */
export async function journeySvg(
  journey: JourneyDefinition,
  render?: MermaidRenderer,
): Promise<string | undefined> {
  const renderer = render ?? (await mermaidRenderer());
  return renderer ? sanitizeSvg(await renderer(mermaidOf(journey))) : undefined;
}
