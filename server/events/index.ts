export { createEventLog, type EventLog } from './event-log.ts';
