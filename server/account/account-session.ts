import type { Request, Response } from 'express';
import { readCookie } from '../http/cookies.ts';
import type { OidcRelyingParty } from '../rp/oidc-relying-party.ts';

/** Who is signed in to the account page, from the ID token it received (kept in a signed cookie). */
export interface AccountSession {
  sub: string;
  /** For RP-initiated logout (`id_token_hint`). */
  idToken: string;
  /** When the cookie stops counting (the ID token's expiry). */
  exp: number;
}

const COOKIE = 'portico-account-session';

export function accountSessions(rp: OidcRelyingParty, now: () => number) {
  return {
    read(req: Request): AccountSession | undefined {
      const raw = rp.unsign(readCookie(req, COOKIE));
      if (!raw) return undefined;
      try {
        const session = JSON.parse(raw) as AccountSession;
        return session.exp * 1000 > now() ? session : undefined;
      } catch {
        return undefined;
      }
    },
    write(res: Response, session: AccountSession): void {
      res.cookie(COOKIE, rp.sign(JSON.stringify(session)), rp.cookieOptions);
    },
    clear(res: Response): void {
      res.clearCookie(COOKIE, rp.cookieOptions);
    },
  };
}
