/** Escaping for the hand-written parts of the HTML document (React escapes the rest). */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">`: `<`, `>`, `&` and the JavaScript line separators
 * become `\uXXXX`, so no value can close the script element or open a comment; JSON.parse
 * reads them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * CSS for a `<style>` element. Theme CSS is validated before it gets here; this is the second
 * lock: a `<` can never start `</style>`.
 */
export function cssForStyle(css: string): string {
  return css.replace(/</g, '\\3c ');
}
