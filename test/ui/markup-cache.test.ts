import { describe, expect, it } from 'vitest';
import type { PageProps, Screen } from '../../server/flows/screen.ts';
import { isSharedScreen, markupCache } from '../../server/page/markup-cache.ts';
import { render } from '../../src/entry-server.tsx';
import {
  codeScreen,
  consentScreen,
  identifyScreen,
  pageProps,
  passkeyCreateScreen,
  passkeyIdentifyScreen,
  passwordScreen,
  requestOptions,
  totpSetupScreen,
  webauthnNode,
} from './fixtures.ts';

/** The same screen on another flow: every string of the flow differs, as between two visitors. */
function onFlow(screen: Screen, n: number): Screen {
  const id = `flw_${n}x${'k'.repeat(n)}`;
  return {
    ...screen,
    nodes: screen.nodes.map((node) =>
      node.type === 'webauthn'
        ? {
            ...node,
            attributes: {
              ...node.attributes,
              options: { ...node.attributes.options, challenge: `ch${n}_${id}` },
            },
          }
        : node,
    ),
    flow: {
      id,
      revision: screen.flow.revision,
      action: `/interaction/${id}`,
      api: `/interaction/${id}/api`,
      csrf: `c${n}.Zq-${n * 7919}_t`,
      expiresAt: `2030-0${n}-01T00:00:00.000Z`,
    },
  };
}

/** React's render, counting its calls. */
function countedRender() {
  const calls = { n: 0 };
  const draw = (props: PageProps) => {
    calls.n++;
    return render(props);
  };
  return { calls, draw };
}

const identify: Screen = {
  ...identifyScreen,
  subtitle: { id: 'subtitle.signin', type: 'info', values: { client: identifyScreen.client.name } },
};

describe('markup cache', () => {
  it('draws the same first step for every visitor exactly as React does, drawing it only once', () => {
    const { calls, draw } = countedRender();
    const cache = markupCache(draw);
    // With and without the passkey prompt any visitor gets (its challenge is the request's own).
    for (const screen of [identify, passkeyIdentifyScreen]) {
      const before = calls.n;
      for (const n of [1, 2, 3, 4]) {
        const props = pageProps(onFlow(screen, n));
        const html = cache.render(props);
        expect(html).toBe(render(props));
        expect(html).toContain(`action="/interaction/flw_${n}x`);
        expect(html).toContain(`value="c${n}.Zq-${n * 7919}_t"`);
      }
      // The first page is drawn twice (once with stand-ins, once to check them); the others not at all.
      expect(calls.n - before).toBe(2);
    }
    // Another language is another kind of screen.
    const fr = pageProps(onFlow(identify, 5), 'fr');
    expect(cache.render(fr)).toBe(render(fr));
    expect(cache.render(fr)).toContain('lang');
    expect(calls.n).toBe(6);
  });

  it('draws afresh whatever a person typed or owns, and never keeps it', () => {
    const { calls, draw } = countedRender();
    const cache = markupCache(draw);
    const typed: Screen = {
      ...identify,
      nodes: identify.nodes.map((node) =>
        node.type === 'input'
          ? { ...node, attributes: { ...node.attributes, value: 'ann@example.com' } }
          : node,
      ),
    };
    const accountsPasskey: Screen = {
      ...identify,
      nodes: [
        webauthnNode({
          options: { ...requestOptions, allowCredentials: [{ id: 'cred1', type: 'public-key' }] },
        }),
      ],
    };
    // A typed address; "signing in as ada@…"; a code sent to an address; a QR code; the passkeys of
    // one account; a passkey being made for one account.
    const personal = [
      typed,
      passwordScreen,
      consentScreen,
      codeScreen,
      totpSetupScreen,
      accountsPasskey,
      passkeyCreateScreen,
    ];
    for (const screen of personal) {
      expect(isSharedScreen(screen)).toBe(false);
      const before = calls.n;
      for (const n of [1, 2]) {
        const props = pageProps(onFlow(screen, n));
        expect(cache.render(props)).toBe(render(props));
      }
      expect(calls.n - before).toBe(2);
    }
    // The app's own name is no one's: the first step naming it is shared; any other value is not.
    expect(isSharedScreen(identify)).toBe(true);
    const otherValue = {
      ...identify,
      subtitle: { ...identify.subtitle!, values: { client: 'ada@example.com' } },
    };
    expect(isSharedScreen(otherValue)).toBe(false);
  });

  it('draws afresh a flow string that would need escaping', () => {
    const { calls, draw } = countedRender();
    const cache = markupCache(draw);
    cache.render(pageProps(onFlow(identify, 1)));
    const odd = onFlow(identify, 2);
    const props = pageProps({ ...odd, flow: { ...odd.flow, csrf: 'a"b&c' } });
    const html = cache.render(props);
    expect(html).toBe(render(props));
    expect(html).toContain('value="a&quot;b&amp;c"');
    expect(calls.n).toBe(3);
  });

  it('never reuses a kind whose page does more with the flow strings than print them', () => {
    // A page that shortens the token: stand-ins would come out wrong, so that kind is always drawn.
    let calls = 0;
    const draw = (props: PageProps) => {
      calls++;
      return `<form action="${props.screen.flow.action}"><i>${props.screen.flow.csrf.slice(0, 4)}</i></form>`;
    };
    const cache = markupCache(draw);
    for (const n of [1, 2, 3]) {
      const props = pageProps(onFlow(identify, n));
      expect(cache.render(props)).toBe(draw(props));
    }
    // Three checks (2) plus the two later pages drawn afresh, plus the three direct draws above.
    expect(calls).toBe(2 + 2 + 3);
  });

  it('keeps at most `size` kinds, dropping the least recently used', () => {
    const { calls, draw } = countedRender();
    const cache = markupCache(draw, { size: 2 });
    const en = (n: number) => pageProps(onFlow(identify, n), 'en');
    const fr = (n: number) => pageProps(onFlow(identify, n), 'fr');
    const de = (n: number) => pageProps(onFlow(identify, n), 'de');
    cache.render(en(1));
    cache.render(fr(1));
    cache.render(en(2)); // en is now the most recent
    expect(calls.n).toBe(4);
    cache.render(de(1)); // drops fr
    expect(calls.n).toBe(6);
    cache.render(en(3));
    expect(calls.n).toBe(6);
    expect(cache.render(fr(2))).toBe(render(fr(2)));
    expect(calls.n).toBe(8);
  });
});
