import { join } from 'node:path';
import { listOutbox } from '../../server/mail/index.ts';
import type { RunningPortico } from './portico-server.ts';

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
