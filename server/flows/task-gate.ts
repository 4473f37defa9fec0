import type Provider from 'oidc-provider';
import { holdsSecondFactor } from '../factors/index.ts';
import { ACR, acrFor, acrRank } from '../provider/index.ts';
import type { Store } from '../store/index.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * Why an account-page task may not run on this session, or undefined when it may. The account page
 * asks for a recent, multi-factor sign-in with `max_age` and `acr_values`, but a hand-built request
 * could leave them out: the server holds every task to the same rule itself. The sign-in must be
 * within `reauthSeconds`, and multi-factor when the account has a second factor.
 */
export function taskGate(opts: {
  provider: Provider;
  store: Store;
  reauthSeconds: number;
  now: () => number;
}) {
  return async (details: Interaction): Promise<string | undefined> => {
    const cookie = details.session?.cookie;
    const session = cookie ? await opts.provider.Session.find(cookie) : undefined;
    if (!session?.accountId || !session.loginTs) return 'no_session';
    if (session.loginTs * 1000 < opts.now() - opts.reauthSeconds * 1000) return 'sign_in_not_recent';
    const credentials = await opts.store.credentials.list(session.accountId);
    const protectedBySecondFactor = holdsSecondFactor(credentials.map((c) => c.type));
    const held = acrFor((session.amr as string[] | undefined) ?? []);
    if (protectedBySecondFactor && acrRank(held) < acrRank(ACR.multiFactor))
      return 'sign_in_not_multi_factor';
    return undefined;
  };
}
