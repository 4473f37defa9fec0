import type { Request } from 'express';

/**
 * One cookie's value from the request, URI-decoded (Express's `res.cookie()` encodes values), or
 * undefined when it is absent or not decodable. Portico reads so few cookies that a parser
 * middleware would be more than it needs.
 */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
