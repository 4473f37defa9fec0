const ENTITY = /&(?!(?:amp|lt|gt|quot|#39);)/;

/**
 * The problems that would stop an XML parser on `xml` (unbalanced or malformed tags, unquoted or
 * unescaped attributes, raw `<` or `&` in text); an empty list when it is well-formed. Enough for
 * the SVG Portico writes, which has no comments, CDATA or processing instructions.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const token of xml.split(/(<[^>]*>)/)) {
    if (!token.startsWith('<')) {
      if (/[<>]/.test(token) || ENTITY.test(token)) problems.push(`unescaped text: ${token}`);
      continue;
    }
    const close = /^<\/([A-Za-z][\w:-]*)>$/.exec(token);
    if (close) {
      const expected = open.pop();
      if (expected !== close[1]) problems.push(`</${close[1]}> closes <${expected ?? 'nothing'}>`);
      continue;
    }
    const tag = /^<([A-Za-z][\w:-]*)((?:\s+[A-Za-z][\w:-]*="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!tag) {
      problems.push(`malformed tag: ${token}`);
      continue;
    }
    if (ENTITY.test(tag[2]!)) problems.push(`unescaped attribute: ${token}`);
    if (!tag[3]) open.push(tag[1]!);
  }
  if (open.length) problems.push(`unclosed: ${open.join(', ')}`);
  return problems;
}
