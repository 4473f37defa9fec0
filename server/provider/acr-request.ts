import { errors, interactionPolicy } from 'oidc-provider';
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
    const named = [
      ...(typeof acr.value === 'string' ? [acr.value] : []),
      ...(Array.isArray(acr.values) ? acr.values.filter((v): v is string => typeof v === 'string') : []),
    ];
    // What the app insists on is the request: voluntary `acr_values` may not widen it.
    if (essential && named.length) values.clear();
    for (const v of named) values.add(v);
  }
  return values.size ? { values: [...values], essential } : undefined;
}

/** The level a session's methods hold (its `amr`), which is what Portico compares, not its last `acr`. */
export const sessionAcr = (amr: readonly string[] | undefined): string | undefined =>
  amr?.length ? acrFor(amr) : undefined;

/**
 * oidc-provider's login-prompt check for the ACR ladder; it replaces the built-in exact-match
 * checks (`essential_acr`, `essential_acrs`) and also covers `acr_values`. It asks for an
 * interaction (the step-up journey) when the session's level is below what the request needs; when it
 * is enough, the session's `acr` becomes the requested value it includes (the ID token names one of them).
 */
export const acrLadderCheck = new Check(
  'acr',
  'the requested authentication level is above what the session holds',
  // With prompt=none the app hears what it would hear for any sign-in it must ask the person for.
  'login_required',
  (ctx) => {
    const { oidc } = ctx;
    const claim = (oidc.claims as { id_token?: { acr?: ClaimRequest | null } } | undefined)?.id_token?.acr;
    if (claim && claim.values !== undefined && !Array.isArray(claim.values))
      throw new errors.InvalidRequest('invalid claims.id_token.acr.values type');
    if (!oidc.session?.accountId || oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
    const request = acrRequestOf(oidc.params as Record<string, unknown>);
    const needed = requiredAcr(request);
    if (!needed) return Check.NO_NEED_TO_PROMPT;
    const held = sessionAcr(oidc.session.amr as string[] | undefined);
    if (needed === 'unmet' || !held || acrRank(held) < acrRank(needed)) return Check.REQUEST_PROMPT;
    // Enough is held: the token names the requested value the session includes, with no screen (so
    // `prompt=none` renewals that name an `acr` keep working).
    const asserted = acrToAssert(held, request);
    if (asserted) oidc.session.acr = asserted;
    return Check.NO_NEED_TO_PROMPT;
  },
);
