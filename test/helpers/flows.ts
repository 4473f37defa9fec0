import { join } from 'node:path';
import { listOutbox } from '../../server/mail/index.ts';
import type { RunningPortico } from './portico-server.ts';
import { BrowserSession, mailedCode, type relyingParty } from './relying-party.ts';

/** Every mail written to an address, newest first. */
export function mailsTo(dataDir: string, to: string): ReturnType<typeof listOutbox> {
  return listOutbox(join(dataDir, 'outbox')).filter((m) => m.to === to);
}

/** Where an interaction's flow stands in the store (what a refused request must leave untouched). */
export async function storedFlow(portico: RunningPortico, uid: string) {
  const record = await portico.portico.store.flows.findByInteraction(uid);
  if (!record) throw new Error(`no flow for interaction ${uid}`);
  return { revision: record.revision, status: record.status, snapshot: record.snapshot };
}

type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

/** Creates an account through the sign-up journey in a fresh browser; answers the browser and its tokens. */
export async function signUp(portico: RunningPortico, rp: RelyingParty, email: string, password: string) {
  const browser = new BrowserSession(portico.url);
  const auth = await rp.begin(browser, { prompt: 'create' });
  let screen = await browser.screen(auth.uid!);
  screen = await browser.next(screen, { email });
  screen = await browser.next(screen, { password });
  const redirect = await browser.finish(screen, { code: mailedCode(portico.dataDir, email) });
  const tokens = await rp.complete(browser, redirect, auth);
  return { browser, tokens, flowId: screen.flow.id };
}
