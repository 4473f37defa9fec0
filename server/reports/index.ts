export { eventPages } from './event-pages.ts';
export {
  computeFunnel,
  FLOW_TTL_MS,
  type FunnelGroup,
  type FunnelOptions,
  type FunnelReport,
} from './funnel.ts';
export { funnelCommand } from './funnel-command.ts';
export { funnelSvg } from './funnel-svg.ts';
export { funnelTable } from './funnel-table.ts';
export type { FlowOutcomes, FunnelStep } from './funnel-tally.ts';
export { fileJourneySource, type JourneySource } from './journey-source.ts';
export type { ReportCommand, ReportIo } from './report-command.ts';
export { parseFunnelParams } from './report-params.ts';
export { computeSecurity, type SecurityReport } from './security.ts';
export { parseTop, SECURITY_SINCE } from './security-command.ts';
export { securityTable } from './security-table.ts';
export { normalCdf, twoProportionTest, wilsonInterval } from './statistics.ts';
