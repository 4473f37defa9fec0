/**
 * The account a path runs with, prepared on the running server before its flow starts, as
 * enrolment would leave it: its password, its other credentials (held by the run's soft
 * authenticator and remembered in the run), and its earlier sign-ins.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { newRecoveryCodes, newTotpSecret } from '../../server/factors/index.ts';
import { registrationOptions, verifyRegistration } from '../../server/passkeys/index.ts';
import { hashPassword } from '../../server/passwords/index.ts';
import type { NewCredential } from '../../server/store/index.ts';
import type { PathRun } from './path-fixtures.ts';
import type { Factor } from './path-world.ts';

async function addCredential(run: PathRun, credential: NewCredential): Promise<void> {
  if (!(await run.portico.portico.services.store.credentials.add(run.accountId!, credential)))
    throw new Error(`the account refused a ${credential.type} credential`);
}

/** Gives the account one more kind of credential. */
export async function enroll(run: PathRun, factor: Exclude<Factor, 'password'>): Promise<void> {
  const { services } = run.portico.portico;
  const id = randomUUID();
  if (factor === 'passkey') {
    // Any challenge will do: this registration is verified here, not by a flow.
    const options = await registrationOptions(services.passkeys, {
      challenge: randomBytes(32).toString('base64url'),
      accountId: run.accountId!,
      email: run.email,
      existing: [],
    });
    const response = run.authenticator.register(options);
    const credential = await verifyRegistration(services.passkeys, response, options.challenge, 'Test key');
    if (!credential) throw new Error('the soft authenticator made a passkey the server does not verify');
    return addCredential(run, credential);
  }
  if (factor === 'totp') {
    const secret = newTotpSecret();
    run.totp = { secret };
    const sealed = services.box.seal(`totp:${id}`, secret);
    return addCredential(run, { id, type: 'totp', secret: sealed, counter: 0, data: {} });
  }
  if (factor === 'email-otp')
    return addCredential(run, { id, type: 'email-otp', secret: '', counter: 0, data: {} });
  const { codes, credentials } = newRecoveryCodes(services.codeHmacKey);
  run.recoveryCodes = codes;
  await services.store.credentials.replaceAll(run.accountId!, 'recovery-code', credentials);
}

/** Creates the account (with its password, when the world has one) and its earlier sign-ins. */
export async function createAccountOf(run: PathRun): Promise<void> {
  const { services } = run.portico.portico;
  const account = await services.store.accounts.create({
    email: run.email,
    emailVerified: true,
    ...(run.world.password ? { passwordHash: await hashPassword(run.password) } : {}),
  });
  if (!account) throw new Error(`${run.email} already has an account`);
  run.accountId = account.id;
  for (let i = 0; i < run.world.signIns; i++)
    await services.store.events.append({
      type: 'login.succeeded',
      at: services.now(),
      accountId: account.id,
    });
}
