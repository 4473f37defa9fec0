export { type CompletionOptions, completeRecovery } from './complete-recovery.ts';
export {
  cancelHoldByToken,
  endHoldsOnSignIn,
  type HoldTimes,
  mailDate,
  startRecoveryHold,
} from './recovery-hold.ts';
export { type RecoveryRouterOptions, recoveryRouter } from './recovery-routes.ts';
export { recoveryMailboxProof, recoveryStateFor } from './recovery-state.ts';
