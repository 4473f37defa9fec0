/**
 * Device recognition: a signed, long-lived cookie listing (as keyed tags, never in the clear) the
 * addresses that signed in on this browser. A flow for an address the cookie vouches for comes from
 * a known device; one it does not is a new device, a risk signal, and a new device on a new network
 * mails the owner a "new sign-in" notice. The cookie cannot be forged (HMAC) and says nothing to
 * whoever reads it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from '../http/cookies.ts';

/** How many addresses one browser remembers (the newest). */
const MAX_TAGS = 8;
/** @default 400 days, the longest a browser keeps a cookie */
const MAX_AGE_MS = 400 * 24 * 3600 * 1000;

export interface DeviceCookie {
  /** The tags the request's cookie vouches for (empty when it has none, or a forged one). */
  read(req: Request): string[];
  /** The tag of an address (what the cookie holds for it). */
  tagOf(address: string): string;
  /** Adds an address to the browser's cookie (after a sign-in). */
  remember(req: Request, res: Response, address: string): void;
}

export function createDeviceCookie(opts: { key: string; secure: boolean }): DeviceCookie {
  const name = opts.secure ? '__Host-portico-device' : 'portico-device';
  const mac = (data: string) =>
    createHmac('sha256', opts.key).update(`device-cookie:${data}`).digest('base64url');
  const tagOf = (address: string) =>
    createHmac('sha256', opts.key).update(`device-address:${address}`).digest('base64url').slice(0, 16);
  const read = (req: Request): string[] => {
    const value = readCookie(req, name);
    const dot = value?.lastIndexOf('.') ?? -1;
    if (!value || dot < 1 || value.length > 1024) return [];
    const body = value.slice(0, dot);
    const expected = Buffer.from(mac(body));
    const given = Buffer.from(value.slice(dot + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
    const tags = body.split('~');
    return tags.every((t) => /^[A-Za-z0-9_-]{16}$/.test(t)) ? tags : [];
  };
  return {
    read,
    tagOf,
    remember(req, res, address) {
      const tag = tagOf(address);
      const tags = [tag, ...read(req).filter((t) => t !== tag)].slice(0, MAX_TAGS);
      const body = tags.join('~');
      res.cookie(name, `${body}.${mac(body)}`, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secure,
        path: '/',
        maxAge: MAX_AGE_MS,
      });
    },
  };
}
