import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed before a constant-time
 * comparison, so neither the token's content nor its length leaks through timing. A missing or
 * wrong token gets 401 with a `WWW-Authenticate` challenge (RFC 6750).
 */
export function requireBearer(token: string) {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(req.get('authorization') ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .set('WWW-Authenticate', `Bearer realm="portico-admin"${match ? ', error="invalid_token"' : ''}`)
      .json({ error: { code: 'unauthorized', message: 'a valid admin bearer token is required' } });
  };
}
