/**
 * The language a person picked with the page's language picker, kept in a cookie, and the locale a
 * request is answered in. Order: `ui_locales` from the app, then the picked language, then
 * `Accept-Language`, then English. One exception: a language picked on a sign-in page wins on that
 * sign-in, even over `ui_locales`, or the picker would do nothing when the app names a language.
 */
import { type Request, type Response, Router } from 'express';
import { readCookie } from './cookies.ts';
import { type Locale, matchLocale, pickLocale } from './locale.ts';

/** `__Host-` needs `Secure`, so development (plain http) uses the bare name; both are read. */
const COOKIE = { secure: '__Host-portico-locale', plain: 'portico-locale' } as const;
const MAX_AGE_MS = 400 * 24 * 3600 * 1000;
/** An interaction uid as oidc-provider makes them. */
const UID = /^[A-Za-z0-9_-]{1,64}$/;

/** What the cookie says: the language, and the sign-in it was picked on (where it beats `ui_locales`). */
export interface LocaleChoice {
  locale: Locale;
  interaction?: string;
}

/** Reads the picked language from a `Cookie` header (`de`, or `de:<interaction uid>`). */
export function readLocaleChoice(req: Pick<Request, 'headers'>): LocaleChoice | undefined {
  const value = readCookie(req, COOKIE.secure) ?? readCookie(req, COOKIE.plain);
  const [tag = '', interaction] = (value ?? '').split(':');
  const locale = matchLocale(tag);
  if (!locale) return undefined;
  return interaction && UID.test(interaction) ? { locale, interaction } : { locale };
}

/** Where a request's locale may come from besides its headers. */
export interface LocaleRequest {
  /** The OIDC `ui_locales` of the authorization request, if any. */
  uiLocales?: string;
  /** The interaction the page belongs to: a language picked on it wins over `ui_locales`. */
  interaction?: string;
}

/** The locale to answer `req` in (see the module comment for the order). */
export function requestLocale(req: Pick<Request, 'headers'>, from: LocaleRequest = {}): Locale {
  const choice = readLocaleChoice(req);
  if (choice?.interaction && choice.interaction === from.interaction) return choice.locale;
  const accept = req.headers['accept-language'];
  return pickLocale(from.uiLocales, typeof accept === 'string' ? accept : undefined, choice?.locale);
}

/** A same-origin path to go back to; anything else (another host, `//evil`, garbage) is `/`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 512) return '/';
  try {
    const base = 'http://portico.invalid';
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

/**
 * `GET /locale?locale=de&return=/interaction/…`: the language picker's target. It works without
 * JavaScript (a plain GET form): it remembers the language in a cookie and sends the browser back to
 * the page it came from. An unknown language changes nothing.
 */
export function localeRouter(opts: { secure: boolean }): Router {
  const router = Router();
  router.get('/locale', (req: Request, res: Response) => {
    const back = safeReturnPath(req.query.return);
    const locale = typeof req.query.locale === 'string' ? matchLocale(req.query.locale) : undefined;
    if (locale) {
      const interaction = /^\/interaction\/([^/?]+)/.exec(back)?.[1];
      const value = interaction && UID.test(interaction) ? `${locale}:${interaction}` : locale;
      res.cookie(opts.secure ? COOKIE.secure : COOKIE.plain, value, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secure,
        path: '/',
        maxAge: MAX_AGE_MS,
      });
    }
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, back);
  });
  return router;
}
