import {
  cannotMeetRequest,
  hasFactor,
  needsSecondFactor,
  requestSatisfied,
  requiresAcr,
} from './factor-guards.ts';
import { failuresAtLeast, hasEarned } from './flow-guards.ts';
import type { JourneyGuard } from './guard.ts';
import { passkeyNudgeDue } from './passkey-nudge.ts';
import { knowsIdentifier, recoveryHoldReady, recoveryHoldWaiting } from './recovery-guards.ts';
import { passwordBreached, riskAtLeast } from './risk-guards.ts';

export type { JourneyGuard } from './guard.ts';

/** Every guard a journey may name. */
export const guards: ReadonlyMap<string, JourneyGuard> = new Map(
  [
    failuresAtLeast,
    hasEarned,
    hasFactor,
    needsSecondFactor,
    requiresAcr,
    requestSatisfied,
    cannotMeetRequest,
    passkeyNudgeDue,
    knowsIdentifier,
    recoveryHoldReady,
    recoveryHoldWaiting,
    riskAtLeast,
    passwordBreached,
  ].map((guard) => [guard.name, guard as JourneyGuard]),
);
