/**
 * A theme's own stylesheet (`customCss`), parsed with PostCSS, refused when it reaches outside its
 * brand, and rewritten so every rule applies only under `[data-brand="<id>"]`.
 *
 * Refused: `@import` and any at-rule but `@media`, `@supports`, `@container`, `@keyframes`,
 * `@font-face` and `@layer`; `url()` to anything but a file in the theme folder; `expression(`,
 * `javascript:`, `behavior`, `-moz-binding`; and any `<` (so nothing can close the `<style>`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import postcss, { type Rule } from 'postcss';

/** What went wrong, with the line, so the start error names the file, the place and the fix. */
export class CustomCssError extends Error {}

const ALLOWED_AT_RULES = new Set(['media', 'supports', 'container', 'keyframes', 'font-face', 'layer']);
const FORBIDDEN = /expression\s*\(|javascript:|vbscript:|-moz-binding|\bbehavior\s*:/i;
const URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
const SAFE_PATH =
  /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/){0,3}[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:woff2|svg|png|webp|jpe?g|gif|avif)$/;

function fail(line: number | undefined, message: string): never {
  throw new CustomCssError(`${line ? `line ${line}: ` : ''}${message}`);
}

/** Rewrites each `url(x)` to the served theme folder, refusing anything outside it. */
function rewriteUrls(value: string, line: number | undefined, themeDir: string, baseUrl: string): string {
  return value.replace(
    URL,
    (_all, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
      const path = dq ?? sq ?? bare ?? '';
      if (!SAFE_PATH.test(path) || path.split('/').some((p) => p.startsWith('.'))) {
        fail(
          line,
          `url(${path}) must name a font or image file inside the theme folder, e.g. url("fonts/brand.woff2")`,
        );
      }
      if (!existsSync(join(themeDir, path)))
        fail(line, `url(${path}) names a file that is not in the theme folder; add it`);
      return `url("${baseUrl}${path}")`;
    },
  );
}

/** `html`, `:root` and `body` become the brand's scope itself; anything else goes under it. */
function scopeSelector(selector: string, scope: string): string {
  const s = selector.trim();
  const root = s.match(/^(?:html|:root|body)(?![\w-])(.*)$/s);
  if (root) return `${scope}${root[1]}`;
  return `${scope} ${s}`;
}

/**
 * Sanitises and scopes `css` for brand `id`. `themeDir` is where url() files must exist; `baseUrl`
 * is where the browser fetches them (`/themes/<id>/`). Throws `CustomCssError` on anything refused.
 */
export function scopeCustomCss(css: string, id: string, themeDir: string, baseUrl: string): string {
  if (css.includes('<'))
    fail(undefined, 'contains "<"; a stylesheet never needs it (it could close the <style> element)');
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (err) {
    fail(undefined, `is not valid CSS (${(err as Error).message})`);
  }
  const scope = `[data-brand="${id}"]`;
  root.walkAtRules((rule) => {
    const name = rule.name.toLowerCase();
    if (!ALLOWED_AT_RULES.has(name)) {
      fail(
        rule.source?.start?.line,
        `@${rule.name} is not allowed in a theme's CSS; remove it (fonts belong in typography.fonts)`,
      );
    }
    if (FORBIDDEN.test(rule.params) || /url\(|\\/i.test(rule.params))
      fail(rule.source?.start?.line, `@${rule.name} ${rule.params} is not allowed`);
  });
  root.walkDecls((decl) => {
    const line = decl.source?.start?.line;
    if (FORBIDDEN.test(decl.prop) || FORBIDDEN.test(decl.value)) {
      fail(line, `"${decl.prop}: ${decl.value}" can run script; remove it`);
    }
    if (decl.value.includes('\\') || decl.prop.includes('\\')) {
      fail(
        line,
        `"${decl.prop}" uses a backslash escape, which could hide a url() or script; write it plainly`,
      );
    }
    decl.value = rewriteUrls(decl.value, line, themeDir, baseUrl);
  });
  root.walkRules((rule: Rule) => {
    // Keyframe selectors (`from`, `50%`) are not element selectors.
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return;
    if (FORBIDDEN.test(rule.selector) || rule.selector.includes('\\'))
      fail(rule.source?.start?.line, `selector "${rule.selector}" is not allowed`);
    rule.selectors = rule.selectors.map((s) => scopeSelector(s, scope));
  });
  return root.toString();
}
