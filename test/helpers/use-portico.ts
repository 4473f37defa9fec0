import { afterAll, beforeAll } from 'vitest';
import type { RelyingParty } from './accounts.ts';
import { type RunningPortico, startPortico } from './portico-server.ts';
import { relyingParty } from './relying-party.ts';

/** What `usePortico()` answers: getters for the server and its relying party, live once booted. */
export interface PorticoContext {
  /** The running server (throws when read before the block's `beforeAll` has run). */
  readonly portico: RunningPortico;
  /** The first-party test app (`TEST_CLIENT`) as openid-client sees it, discovered from the server. */
  readonly rp: RelyingParty;
}

/**
 * Boots a Portico and its test relying party for the calling `describe` block: registers a
 * `beforeAll` that starts the server (with `opts`, as `startPortico` takes them) and discovers it,
 * and an `afterAll` that stops it. Read the values through the answer's getters inside tests and
 * hooks; a `beforeAll` registered after this call sees them ready.
 */
export function usePortico(opts?: Parameters<typeof startPortico>[0]): PorticoContext {
  let portico: RunningPortico | undefined;
  let rp: RelyingParty | undefined;
  beforeAll(async () => {
    portico = await startPortico(opts);
    rp = await relyingParty(portico.url);
  });
  afterAll(async () => {
    await portico?.stop();
  });
  const notYet = (what: string) =>
    new Error(`usePortico: ${what} is not there yet; read it inside a test or a later hook`);
  return {
    get portico() {
      if (!portico) throw notYet('the server');
      return portico;
    },
    get rp() {
      if (!rp) throw notYet('the relying party');
      return rp;
    },
  };
}
