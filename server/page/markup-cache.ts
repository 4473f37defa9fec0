/**
 * The login page's markup, drawn by React once per kind of screen and reused. Most pages are the
 * first step of a flow: the same form, in the same language and brand, for every visitor of an app.
 * Only the request's own strings differ (the flow's id, form action, API address, CSRF token and
 * expiry; the challenge of a passkey prompt), and the page uses them as they are. So a screen is
 * drawn once with stand-ins for those strings, and each later page of its kind is that markup with
 * the stand-ins replaced.
 *
 * Two rules keep the reused markup exactly what React would draw, and a third keeps it anonymous:
 * - a kind is reused only after one real page of it came out identical both ways (a component that
 *   did anything else with those strings than print them would make the two differ, and its kind is
 *   then always drawn afresh);
 * - only strings of the characters such strings are made of are put in (see `PLAIN`; any other
 *   is drawn afresh);
 * - nothing a person typed or that is theirs is kept: a screen with a filled-in field, a message
 *   with a value other than the app's name (an address, a count), an image (a TOTP QR code), a
 *   passkey prompt for one account, or a proof-of-work challenge is drawn afresh. What is kept is the
 *   same for every visitor of an app, so whether a page was reused tells nobody anything about
 *   another person.
 */
import { randomBytes } from 'node:crypto';
import type { PageProps, Screen, UiMessage, UiNode } from '../flows/screen.ts';

/**
 * The characters the request's strings are made of: base64url ids and tokens, `/interaction/<uid>`
 * paths, ISO times. HTML escaping changes none of them. The ones that URL encoding would change (`/`,
 * `:`) are in every string of their field (every path has its slashes, every time its colons), so
 * the check of a kind's first page covers them too. A string with any other character is drawn afresh.
 */
const PLAIN = /^[A-Za-z0-9._~:/-]+$/;

/** A passkey prompt any visitor gets: a sign-in that names no account (its passkeys are not listed). */
const anyonesPasskeyPrompt = (node: UiNode) =>
  node.type === 'webauthn' &&
  node.attributes.ceremony === 'get' &&
  !(node.attributes.options.allowCredentials as unknown[] | undefined)?.length;

/**
 * True when the screen is the same for every visitor of its app: no field filled in, no message
 * value but the app's name ("Sign in to continue to Acme Notes"), no passkey prompt for one account.
 */
export function isSharedScreen(screen: Screen): boolean {
  const personal = (message: UiMessage | undefined) =>
    message?.values !== undefined &&
    Object.values(message.values).some((value) => value !== screen.client.name);
  if (personal(screen.title) || personal(screen.subtitle) || screen.messages.some(personal)) return false;
  return screen.nodes.every((node) => {
    if (node.messages.some(personal)) return false;
    switch (node.type) {
      case 'input':
        return !node.attributes.value;
      case 'text':
        return !personal(node.attributes.text);
      case 'list':
        return !node.attributes.items.some(personal);
      case 'button':
      case 'link':
        return true;
      case 'webauthn':
        return anyonesPasskeyPrompt(node);
      default:
        // Images (QR codes) and proof-of-work challenges are one person's, or one request's.
        return false;
    }
  });
}

/**
 * The request's own strings, in order, and the screen with each replaced by `standIn(i)`: the flow's
 * strings, then each passkey prompt's challenge.
 */
function ownStrings(screen: Screen, standIn: (i: number) => string) {
  const { id, action, api, csrf, expiresAt } = screen.flow;
  const strings = [id, action, api, csrf, expiresAt];
  const nodes = screen.nodes.map((node): UiNode => {
    if (node.type !== 'webauthn') return node;
    strings.push(String(node.attributes.options.challenge));
    const options = { ...node.attributes.options, challenge: standIn(strings.length - 1) };
    return { ...node, attributes: { ...node.attributes, options } };
  });
  const flow = {
    ...screen.flow,
    id: standIn(0),
    action: standIn(1),
    api: standIn(2),
    csrf: standIn(3),
    expiresAt: standIn(4),
  };
  return { strings, generic: { ...screen, flow, nodes } };
}

export interface MarkupCache {
  /** The markup for `props`: reused when its kind was drawn before, drawn (and kept) otherwise. */
  render(props: PageProps): string;
}

/** A cache of at most `size` kinds of screen, the least recently used dropped first. */
export function markupCache(draw: (props: PageProps) => string, opts: { size?: number } = {}): MarkupCache {
  const size = opts.size ?? 128;
  // Stand-ins no page can contain by chance, new for each process; the closing `x` keeps `…s1x`
  // from being the start of `…s10x`.
  const tag = `portico${randomBytes(9).toString('hex')}s`;
  const standIn = (i: number) => `${tag}${i}x`;
  const standIns = new RegExp(`${tag}(\\d+)x`, 'g');
  /** Markup with stand-ins, or `null` for a kind that must always be drawn afresh. */
  const kept = new Map<string, string | null>();

  const fill = (markup: string, strings: string[]) =>
    markup.replace(standIns, (_, i: string) => strings[Number(i)] ?? '');

  function keep(key: string, markup: string | null) {
    if (kept.size >= size) kept.delete(kept.keys().next().value!);
    kept.set(key, markup);
  }

  return {
    render(props) {
      if (!isSharedScreen(props.screen)) return draw(props);
      const { strings, generic } = ownStrings(props.screen, standIn);
      if (!strings.every((s) => PLAIN.test(s))) return draw(props);
      const genericProps: PageProps = { ...props, screen: generic };
      const key = JSON.stringify(genericProps);
      const markup = kept.get(key);
      if (markup === undefined) {
        const drawn = draw(props);
        const withStandIns = draw(genericProps);
        keep(key, fill(withStandIns, strings) === drawn ? withStandIns : null);
        return drawn;
      }
      // Most recently used last.
      kept.delete(key);
      kept.set(key, markup);
      return markup === null ? draw(props) : fill(markup, strings);
    },
  };
}
