/**
 * Portico's oidc-provider configuration: every option we set, and why, in one place (the way
 * node-oidc-provider keeps its own defaults in `lib/helpers/defaults.js`). Anything not set here is
 * oidc-provider's default.
 */
import type { ClientMetadata, Configuration, ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { interactionPolicy } from 'oidc-provider';
import type { KeyMaterial } from '../keys/index.ts';
import type { Store } from '../store/index.ts';
import { ACR_LADDER } from './acr.ts';
import { acrLadderCheck } from './acr-request.ts';
import { adapterFactory } from './adapter.ts';
import { taskPrompt } from './task-prompt.ts';

const { Prompt, base } = interactionPolicy;

export interface ConfigurationDeps {
  store: Store;
  keys: KeyMaterial;
  clients: ClientMetadata[];
  secureCookies: boolean;
  now: () => number;
  /** Draws oidc-provider's own pages (errors, logout) with Portico's look. */
  pages: {
    error(ctx: KoaContextWithOIDC, out: ErrorOut): void;
    logout(ctx: KoaContextWithOIDC, form: string): void;
    loggedOut(ctx: KoaContextWithOIDC): void;
  };
}

/**
 * `prompt=create` (OpenID Connect "Initiating User Registration"): a requestable prompt that runs
 * before login, so the binding can pick the sign-up journey.
 */
function interactionPolicyWithCreate() {
  const policy = base();
  // The ACR ladder replaces the exact-match acr checks (and covers acr_values): see acr-request.ts.
  const login = policy.get('login')!;
  login.checks.remove('essential_acrs');
  login.checks.remove('essential_acr');
  login.checks.add(acrLadderCheck);
  // After login (which meets max_age and acr_values first), before consent.
  policy.add(taskPrompt(), policy.findIndex((p) => p.name === 'login') + 1);
  // Requestable: oidc-provider asks for it while `prompt=create` is unresolved (the result must carry `create`).
  policy.add(new Prompt({ name: 'create', requestable: true }), 0);
  return policy;
}

/** First-party apps get every scope and claim they ask for without a consent screen. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client!;
  const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!(client as unknown as { first_party?: boolean }).first_party) return existing;
  const grant =
    existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId: oidc.session!.accountId! });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

/** How long each kind of token, grant and session lives, in seconds (the bench's bare provider uses the same). */
export const PROVIDER_TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 60 * 60,
  Grant: 14 * 24 * 60 * 60,
  Session: 14 * 24 * 60 * 60,
  RefreshToken: 14 * 24 * 60 * 60,
} as const;

export function buildConfiguration(deps: ConfigurationDeps): Configuration {
  const { store } = deps;
  const policy = interactionPolicyWithCreate();
  return {
    adapter: adapterFactory(store.oidc, deps.now),
    clients: deps.clients,
    jwks: { keys: deps.keys.signingKeys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      keys: deps.keys.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, signed: true },
      short: { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, signed: true },
    },
    async findAccount(_ctx, sub) {
      const account = await store.accounts.findById(sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        async claims() {
          return { sub: account.id, email: account.email, email_verified: account.emailVerified };
        },
      };
    },
    claims: {
      // acr, amr and auth_time come from the session (what the flow earned), never from the account.
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'email', 'offline_access'],
    acrValues: [...ACR_LADDER],
    /** The ID token carries email claims in the code flow too (apps expect them there). */
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    /** OAuth 2.1: PKCE (S256, the only method oidc-provider 9 offers) for every client. */
    pkce: { required: () => true },
    /**
     * Refresh tokens for any first-party client allowed the grant; a third-party app gets one only
     * when the person consented to `offline_access` (which oidc-provider keeps only with
     * `prompt=consent`, OIDC Core §11). Every use rotates them (reuse revokes the grant).
     */
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (Boolean((client as unknown as { first_party?: boolean }).first_party) ||
        code.scopes.has('offline_access')),
    rotateRefreshToken: true,
    /**
     * `portico_task` asks the account app's journeys (add a passkey, set up TOTP, ...): see `task` prompt.
     * `portico_start=recovery` (any app, with `prompt=login`) opens the recovery journey: "Forgot password?".
     */
    extraParams: ['portico_task', 'portico_target', 'portico_start'],
    extraClientMetadata: {
      properties: ['first_party', 'brand'],
    },
    loadExistingGrant,
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => deps.pages.logout(ctx, form),
        postLogoutSuccessSource: async (ctx) => deps.pages.loggedOut(ctx),
      },
    },
    ttl: PROVIDER_TTL,
    /**
     * oidc-provider 9 does not publish `prompt_values_supported` ("Initiating User Registration via
     * OpenID Connect" §4.1), so apps could not discover `prompt=create`: list what it accepts.
     */
    discovery: {
      prompt_values_supported: ['none', ...policy.filter((p) => p.requestable).map((p) => p.name)],
    },
    renderError: async (ctx, out) => deps.pages.error(ctx, out),
  };
}
