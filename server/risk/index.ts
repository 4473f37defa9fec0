export {
  type ClientAddress,
  clientAddress,
  networkPrefix,
  parseAddress,
  parseTrustedProxies,
} from './client-ip.ts';
export { createDeviceCookie, type DeviceCookie } from './device.ts';
export { type CounterBackend, redisCounters, storeCounters } from './limiter-factory.ts';
export { type LimitDecision, type LimitKeys, type Limits, rateLimited } from './limits.ts';
export { requestClient } from './request-client.ts';
export { assess, type RiskAssessment } from './risk-engine.ts';
export { createRisk, type Risk } from './risk-service.ts';
export { atLeast, LEVELS, loadRiskRules, parseRiskRules, type RiskLevel, type RiskRules } from './rules.ts';
