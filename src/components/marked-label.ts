/**
 * Copy that marks its action with `<link>…</link>` ("Don't have an account? <link>Create one</link>").
 * Links and link-style buttons emphasise the marked part; the whole sentence stays the name.
 */

const marked = /^(.*?)<link>(.*?)<\/link>(.*)$/s;

/** The parts around the marked action, or undefined when the copy marks nothing. */
export function splitMarked(content: string): { lead: string; action: string; rest: string } | undefined {
  const parts = marked.exec(content);
  return parts ? { lead: parts[1] ?? '', action: parts[2] ?? '', rest: parts[3] ?? '' } : undefined;
}
