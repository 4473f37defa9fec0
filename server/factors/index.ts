export {
  type AccountFacts,
  holdsSecondFactor,
  loadAccountFacts,
  provenAccount,
  SECOND_FACTORS,
} from './account-facts.ts';
export { matchingRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
export { matchingTotpStep, newTotpSecret, qrDataUrl, totpCodeAt, totpUri } from './totp.ts';
