import { join } from 'node:path';
import * as oidc from 'openid-client';
import type { Screen } from '../../server/flows/screen.ts';
import { listOutbox } from '../../server/mail/index.ts';
import { startAuthorization } from '../../server/rp/authorization-request.ts';
import { BrowserSession } from './browser-session.ts';
import { TEST_CLIENT } from './portico-server.ts';

/** A relying party as an app would write it with openid-client: discovery, PKCE, state, nonce. */
export async function relyingParty(
  issuer: string,
  client: { client_id: string; client_secret: string; redirect_uris: string[] } = TEST_CLIENT,
) {
  const config = await oidc.discovery(
    new URL(issuer),
    client.client_id,
    client.client_secret,
    oidc.ClientSecretBasic(client.client_secret),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
  const redirectUri = client.redirect_uris[0]!;

  /** Starts an authorization request in a browser; answers the interaction it lands on. */
  async function begin(browser: BrowserSession, params: Record<string, string> = {}) {
    const { url, verifier, state, nonce } = await startAuthorization(
      config,
      redirectUri,
      'openid email offline_access',
      params,
    );
    const landed = await browser.followUntilAway(url);
    const uid = landed.pathname.startsWith('/interaction/') ? landed.pathname.split('/')[2]! : undefined;
    return { uid, landed, verifier, state, nonce };
  }

  /** Exchanges the code in the app's callback URL, checking state, nonce and PKCE like the app would. */
  async function exchange(callback: URL, auth: { verifier: string; state: string; nonce: string }) {
    return oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
      idTokenExpected: true,
    });
  }

  /** Follows the flow's final redirect back to the app and exchanges the code like the app would. */
  async function complete(
    browser: BrowserSession,
    redirect: string,
    auth: { verifier: string; state: string; nonce: string },
  ) {
    return exchange(await browser.followUntilAway(redirect), auth);
  }

  return { config, redirectUri, begin, complete, exchange };
}

/** The newest code mailed to an address, read from the outbox. */
export function mailedCode(dataDir: string, to: string): string {
  const mail = listOutbox(join(dataDir, 'outbox')).find((m) => m.to === to);
  const code = mail?.subject.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}

/** Field messages of a screen's input, by field name. */
export function fieldErrors(screen: Screen, name: string): string[] {
  const node = screen.nodes.find((n) => n.type === 'input' && n.attributes.name === name);
  return node?.messages.map((m) => m.id) ?? [];
}

export { BrowserSession };
