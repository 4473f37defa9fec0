import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from './cookies.ts';

/**
 * One random secret per browser, in an HttpOnly cookie. From it derive the device id written on
 * events (never the secret itself) and the per-flow CSRF token (double-submit, HMAC-bound).
 */
export interface BrowserIdentity {
  /** Reads the browser's secret, setting a new cookie when it has none. */
  ensure(req: Request, res: Response): string;
  read(req: Request): string | null;
  deviceId(secret: string): string;
  csrfToken(secret: string, flowId: string): string;
  csrfValid(secret: string | null, flowId: string, token: unknown): boolean;
}

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('base64url');

export function createBrowserIdentity(opts: { appSecret: string; secure: boolean }): BrowserIdentity {
  const name = opts.secure ? '__Host-portico-browser' : 'portico-browser';
  const pattern = /^[A-Za-z0-9_-]{22,64}$/;
  const read = (req: Request): string | null => {
    const value = readCookie(req, name);
    return value && pattern.test(value) ? value : null;
  };
  return {
    read,
    ensure(req, res) {
      const existing = read(req);
      if (existing) return existing;
      const secret = randomBytes(24).toString('base64url');
      res.cookie(name, secret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secure,
        path: '/',
        maxAge: 400 * 24 * 3600 * 1000,
      });
      return secret;
    },
    deviceId: (secret) => hmac(opts.appSecret, `device:${secret}`).slice(0, 22),
    csrfToken: (secret, flowId) => hmac(opts.appSecret, `csrf:${secret}:${flowId}`),
    csrfValid(secret, flowId, token) {
      if (!secret || typeof token !== 'string') return false;
      const expected = Buffer.from(hmac(opts.appSecret, `csrf:${secret}:${flowId}`));
      const actual = Buffer.from(token);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
