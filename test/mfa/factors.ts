/** Sets up second factors on an account directly through the server's services, as enrolment would. */
import { randomUUID } from 'node:crypto';
import { newRecoveryCodes, newTotpSecret, totpCodeAt } from '../../server/factors/index.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';

/** Gives the account an authenticator app; answers its secret (base32). */
export async function enrollTotp(portico: RunningPortico, accountId: string): Promise<string> {
  const { services } = portico.portico;
  const secret = newTotpSecret();
  const id = randomUUID();
  const added = await services.store.credentials.add(accountId, {
    id,
    type: 'totp',
    secret: services.box.seal(`totp:${id}`, secret),
    counter: 0,
    data: {},
  });
  if (!added) throw new Error('the account already has an authenticator app');
  return secret;
}

/** Gives the account ten recovery codes; answers them. */
export async function enrollRecoveryCodes(portico: RunningPortico, accountId: string): Promise<string[]> {
  const { services } = portico.portico;
  const { codes, credentials } = newRecoveryCodes(services.codeHmacKey);
  await services.store.credentials.replaceAll(accountId, 'recovery-code', credentials);
  return codes;
}

/** The code the authenticator app shows now, by the server's clock. */
export const totpNow = (portico: RunningPortico, secret: string) => totpCodeAt(secret, portico.clock.now());

/** Moves the clock to the next 30-second TOTP step, so a new code exists. */
export const nextTotpStep = (portico: RunningPortico) => portico.clock.advance(30_000);
