import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { EventLog } from '../events/index.ts';
import { acrFor, acrRequestOf, acrToAssert, amrFor } from '../provider/index.ts';
import type { ActiveFlow, FlowEngine, RequestInfo } from './flow-engine.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** A grant for what the third-party app asked and the person allowed. */
async function grantConsent(provider: Provider, details: Details): Promise<string> {
  const accountId = details.session?.accountId;
  const clientId = String(details.params.client_id);
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: accountId!, clientId });
  if (!grant) throw new Error('the grant of this interaction is gone');
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

/**
 * Stores a result on the interaction this request has already read and answers where the browser
 * goes next. It is what `provider.interactionResult` does (without merging the last submission),
 * minus reading the interaction again: another Koa context, cookie check and store read per sign-in.
 * Two posts racing to finish one flow cannot both get here: the flow's revision is claimed first.
 */
export async function saveResult(details: Details, result: InteractionResults): Promise<string> {
  details.result = result;
  await details.save(details.exp - Math.floor(Date.now() / 1000));
  return details.returnTo;
}

/** OpenID Connect Core's error for a request whose authentication requirements cannot be met. */
export const unmet: InteractionResults = {
  error: 'unmet_authentication_requirements',
  error_description: 'The requested authentication level cannot be met for this account',
};

/**
 * Turns a finished flow's outcome into oidc-provider's interaction result: a login with the
 * `amr`/`acr` the flow truly earned, a consent grant, or `access_denied`.
 */
export async function interactionResultFor(
  provider: Provider,
  engine: FlowEngine,
  events: EventLog,
  flow: ActiveFlow,
  details: Details,
  request: RequestInfo,
  now: number,
): Promise<InteractionResults> {
  const outcome = engine.outcomeOf(flow);
  const { context } = flow;
  const stamp = {
    at: now,
    flowId: flow.record.id,
    journeyId: flow.journey.id,
    journeyVersion: flow.journey.version,
    clientId: context.clientId,
    variant: flow.record.variant ?? null,
    ...request,
  };
  if (outcome === 'authenticated' && context.trigger === 'task') {
    await events.record({
      ...stamp,
      type: 'task.completed',
      accountId: context.accountId ?? null,
      data: { task: context.task?.name },
    });
    return { task: { name: context.task?.name, completed: true } } as InteractionResults;
  }
  // Never a weaker token than asked for: the `acr` is one of the requested values, or the sign-in fails.
  const acr = acrToAssert(acrFor(context.methods), acrRequestOf(details.params));
  if (outcome === 'unmet' || (outcome === 'authenticated' && !acr)) {
    await events.record({
      ...stamp,
      type: `${context.trigger}.unmet`,
      accountId: context.accountId ?? null,
      data: { requiredAcr: context.requiredAcr },
    });
    return unmet;
  }
  if (outcome === 'authenticated' && context.accountId && acr) {
    const amr = amrFor(context.methods);
    await events.record({
      ...stamp,
      type: `${context.trigger}.succeeded`,
      accountId: context.accountId,
      data: { amr, acr },
    });
    const login = {
      accountId: context.accountId,
      amr,
      acr,
      remember: true,
      ts: Math.floor(now / 1000),
    };
    // A signed-in person resolves `prompt=create` too, whether they signed up or chose to sign in instead.
    const createRequested = String(details.params.prompt ?? '')
      .split(' ')
      .includes('create');
    return createRequested ? { login, create: {} } : { login };
  }
  if (outcome === 'consented' && context.consented) {
    return { consent: { grantId: await grantConsent(provider, details) } };
  }
  await events.record({
    ...stamp,
    type: `${context.trigger}.denied`,
    accountId: context.accountId ?? null,
    data: { outcome },
  });
  return { error: 'access_denied', error_description: 'The sign-in was not completed' };
}
