import type { Logger } from 'pino';
import type { AuthEvent, EventRepo } from '../store/index.ts';

/** The append-only authentication event log: security review and funnel analytics read it. */
export interface EventLog {
  record(event: AuthEvent): Promise<void>;
}

/** Writes each event to the store and, at debug level, to the log. */
export function createEventLog(repo: EventRepo, logger: Logger): EventLog {
  return {
    async record(event) {
      await repo.append(event);
      logger.debug({ event }, event.type);
    },
  };
}
