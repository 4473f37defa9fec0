import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthEvent, Store } from '../../server/store/index.ts';

/** The sign-in journey's version label, as its file names it. */
export const LOGIN_LABEL = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../journeys/login.json'), 'utf8')) as {
    version: string;
  }
).version;

/** One flow for a hand-built event log: where it starts and each state it moves to, in seconds. */
export interface FlowPlan {
  id: string;
  /** When `flow.started` is written (epoch ms). */
  at: number;
  journeyId?: string;
  version?: string;
  variant?: string | null;
  trigger?: string;
  /** The state it starts on, then `[state, seconds after the start]` for each transition. */
  start: string;
  moves?: [string, number][];
  /** End events written after the last move (`login.unmet`, `flow.broken`, ...). */
  endEvents?: string[];
}

/**
 * Appends a flow's events as the flow engine writes them: `flow.started`, one `flow.transition`
 * per move (with some step events between, as a real log has), then any end events.
 */
export async function appendFlow(store: Store, plan: FlowPlan): Promise<void> {
  const stamp = {
    flowId: plan.id,
    journeyId: plan.journeyId ?? 'login',
    journeyVersion: plan.version ?? 'current',
    variant: plan.variant ?? null,
    clientId: 'shop',
    ip: '127.0.0.1',
    deviceId: 'device',
  };
  const trigger = plan.trigger ?? 'login';
  const events: AuthEvent[] = [
    {
      ...stamp,
      type: 'flow.started',
      at: plan.at,
      data: { trigger, state: plan.start, journeyLabel: LOGIN_LABEL },
    },
  ];
  let from = plan.start;
  let last = plan.at;
  for (const [to, seconds] of plan.moves ?? []) {
    last = plan.at + seconds * 1000;
    events.push({ ...stamp, type: 'login.password.failed', at: last - 1, data: { knownAccount: true } });
    events.push({ ...stamp, type: 'flow.transition', at: last, data: { from, to, event: 'some.event' } });
    from = to;
  }
  for (const type of plan.endEvents ?? []) events.push({ ...stamp, type, at: last + 1 });
  if (from === 'signedIn') events.push({ ...stamp, type: `${trigger}.succeeded`, at: last + 1 });
  for (const event of events) await store.events.append(event);
}
