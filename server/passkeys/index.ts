export { parseAssertion, parseRegistration } from './credential-json.ts';
export {
  authenticationOptions,
  flowChallenge,
  type PasskeyConfig,
  passkeyMethods,
  registrationOptions,
  verifyAssertion,
  verifyRegistration,
} from './passkeys.ts';
