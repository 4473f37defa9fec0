/** What the person does on a screen: fill and submit it, press a button, run a passkey ceremony, read a code. */
import { join } from 'node:path';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { totpCodeAt } from '../../server/factors/index.ts';
import type { FlowApiResponse, Screen, UiWebAuthnNode } from '../../server/flows/screen.ts';
import { listOutbox } from '../../server/mail/index.ts';
import type { PathRun, StepFixture } from './path-fixtures.ts';

/** Submits the screen's form with these fields, as the hydrated page does. */
export const send =
  (fields: (run: PathRun) => Record<string, string>, intent = 'submit') =>
  async (run: PathRun): Promise<FlowApiResponse> =>
    (await run.browser.submit(run.screen, fields(run), intent)).body;

/** Presses a button of the screen, which must be there: a person cannot press what is not shown. */
export const press = (intent: string): StepFixture => ({
  async send(run) {
    const offered = run.screen.nodes.some((n) => n.type === 'button' && n.attributes.intent === intent);
    if (!offered) throw new Error(`the "${run.screen.state}" screen offers no "${intent}" button`);
    return (await run.browser.submit(run.screen, {}, intent)).body;
  },
});

function webauthnNode(screen: Screen, ceremony: 'get' | 'create'): UiWebAuthnNode {
  const node = screen.nodes.find(
    (n): n is UiWebAuthnNode => n.type === 'webauthn' && n.attributes.ceremony === ceremony,
  );
  if (!node) throw new Error(`the "${screen.state}" screen has no passkey ${ceremony} ceremony`);
  return node;
}

/** Runs the screen's passkey sign-in with the person's authenticator and posts the answer, as the page does. */
export async function usePasskey(run: PathRun): Promise<FlowApiResponse> {
  const node = webauthnNode(run.screen, 'get');
  const options = node.attributes.options as unknown as PublicKeyCredentialRequestOptionsJSON;
  const credential = JSON.stringify(run.authenticator.authenticate(options));
  return (await run.browser.submit(run.screen, { credential }, node.attributes.intent)).body;
}

/** Runs the screen's passkey creation and posts the answer with a device name. */
export async function makePasskey(run: PathRun): Promise<FlowApiResponse> {
  const node = webauthnNode(run.screen, 'create');
  const options = node.attributes.options as unknown as PublicKeyCredentialCreationOptionsJSON;
  const credential = JSON.stringify(run.authenticator.register(options));
  const fields = { credential, deviceName: 'Path test device' };
  return (await run.browser.submit(run.screen, fields, node.attributes.intent)).body;
}

/** The newest code mailed to the run's address (other mails, such as notices, carry none). */
export function latestCode(run: PathRun): string {
  const mails = listOutbox(join(run.portico.dataDir, 'outbox')).filter((m) => m.to === run.email);
  const code = mails.map((m) => m.subject.match(/\b(\d{6})\b/)?.[1]).find(Boolean);
  if (!code) throw new Error(`no code mailed to ${run.email}`);
  return code;
}

/** The code the authenticator app shows, in a 30-second step not used yet (the clock moves on if needed). */
export function totpCode(run: PathRun, secret: string): string {
  const { clock } = run.portico;
  const last = run.totp?.lastStep;
  const stepOf = () => Math.floor(clock.now() / 30_000);
  if (last !== undefined && stepOf() <= last) clock.advance((last - stepOf() + 1) * 30_000);
  if (run.totp) run.totp.lastStep = stepOf();
  return totpCodeAt(secret, clock.now());
}
