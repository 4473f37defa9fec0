import { interactionPolicy } from 'oidc-provider';
import { type AcrRequest, acrFor, acrRank, acrToAssert, requiredAcr } from './acr.ts';

const { Check } = interactionPolicy;

interface ClaimRequest {
  essential?: unknown;
  value?: unknown;
  values?: unknown;
}

/**
 * What an authorization request asks about `acr`: `acr_values` and the `claims` parameter's
 * `id_token.acr` together. Undefined when it asks nothing.
 */
export function acrRequestOf(params: Record<string, unknown>): AcrRequest | undefined {
  const values = new Set<string>();
  let essential = false;
  if (typeof params.acr_values === 'string')
    for (const v of params.acr_values.split(' ').filter(Boolean)) values.add(v);
  let claims: unknown = params.claims;
  if (typeof claims === 'string') {
    try {
      claims = JSON.parse(claims);
    } catch {
      claims = undefined; // oidc-provider has already refused a malformed claims parameter
    }
  }
  const acr = (claims as { id_token?: { acr?: ClaimRequest | null } } | undefined)?.id_token?.acr;
  if (acr) {
    essential = acr.essential === true;
    if (typeof acr.value === 'string') values.add(acr.value);
    if (Array.isArray(acr.values)) for (const v of acr.values) if (typeof v === 'string') values.add(v);
  }
  return values.size ? { values: [...values], essential } : undefined;
}

/** The level a session's methods hold (its `amr`), which is what Portico compares, not its last `acr`. */
export const sessionAcr = (amr: readonly string[] | undefined): string | undefined =>
  amr?.length ? acrFor(amr) : undefined;

/**
 * oidc-provider's login-prompt check for the ACR ladder; it replaces the built-in exact-match
 * checks (`essential_acr`, `essential_acrs`) and also covers `acr_values`. It asks for an
 * interaction (the step-up journey) when the session's level is below what the request needs, or
 * when the session's `acr` is not a value the request named (the ID token must carry one of them).
 */
export const acrLadderCheck = new Check(
  'acr',
  'the requested authentication level is above what the session holds',
  // With prompt=none the app hears what it would hear for any sign-in it must ask the person for.
  'login_required',
  (ctx) => {
    const { oidc } = ctx;
    if (!oidc.session?.accountId || oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
    const request = acrRequestOf(oidc.params as Record<string, unknown>);
    const needed = requiredAcr(request);
    if (!needed) return Check.NO_NEED_TO_PROMPT;
    const held = sessionAcr(oidc.session.amr as string[] | undefined);
    if (needed === 'unmet' || !held || acrRank(held) < acrRank(needed)) return Check.REQUEST_PROMPT;
    return acrToAssert(held, request) === oidc.session.acr ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  },
);
