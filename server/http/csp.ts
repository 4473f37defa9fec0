import { randomFillSync } from 'node:crypto';
import type { RequestHandler } from 'express';

const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 256);
let offset = pool.length;

/**
 * A fresh 128-bit nonce, base64. Taken from a pool of CSPRNG bytes filled 4 KiB at a time (what
 * `crypto.randomUUID` does too): one `randomBytes(16)` per response was about 1% of a sign-in's CPU.
 * Each byte is handed out once.
 */
export function cspNonce(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

/**
 * Security headers with a strict, nonce-based Content Security Policy. `formTargets` are the
 * origins a form post may end up redirected to (relying parties' redirect URIs): browsers apply
 * `form-action` to the whole redirect chain.
 */
export function securityHeaders(opts: { formTargets: string[]; secure: boolean }): RequestHandler {
  const formAction = ["'self'", ...new Set(opts.formTargets)].join(' ');
  return (_req, res, next) => {
    const nonce = cspNonce();
    res.locals.cspNonce = nonce;
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        `form-action ${formAction}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
