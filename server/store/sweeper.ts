import type { Logger } from 'pino';
import type { Store } from './store.ts';

/** How often expired flows and OIDC payloads are deleted. @default one hour */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes expired flows, oidc-provider payloads and rate-limit counters now and then, so the tables hold only what can
 * still be used. Expired rows are already refused on read; this only reclaims the space.
 */
export function startSweeper(
  store: Store,
  now: () => number,
  logger: Logger,
  intervalMs = SWEEP_INTERVAL_MS,
) {
  const sweep = async () => {
    try {
      const flows = await store.flows.deleteExpired(now());
      const oidc = await store.oidc.deleteExpired(now());
      const counters = await store.counters.deleteExpired(now());
      if (flows || oidc || counters)
        logger.info(
          { flows, oidc, counters },
          'deleted expired flows, OIDC payloads and rate-limit counters',
        );
    } catch (err) {
      logger.error({ err }, 'sweeping expired rows failed');
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
