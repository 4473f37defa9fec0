import { captcha } from './captcha.ts';
import { chooseFactor } from './choose-factor.ts';
import { confirmFactorChange } from './confirm-factor-change.ts';
import { consent } from './consent.ts';
import { emailCode } from './email-code.ts';
import { identify } from './identify.ts';
import { newPassword } from './new-password.ts';
import { passkey } from './passkey.ts';
import { passkeyCreate } from './passkey-create.ts';
import { password } from './password.ts';
import { recoveryCode } from './recovery-code.ts';
import { recoveryCodes } from './recovery-codes.ts';
import { recoveryCodesLeft } from './recovery-codes-left.ts';
import { recoveryHold } from './recovery-hold.ts';
import { recoveryHoldWaiting } from './recovery-hold-waiting.ts';
import type { StepModule } from './step.ts';
import { totp } from './totp.ts';
import { totpSetup } from './totp-setup.ts';

export { normalizeEmail } from './email.ts';
export { codeHash, newCode } from './one-time-code.ts';
export type { StepServices } from './services.ts';
export type { StepModule, StepResult, StepView } from './step.ts';

/** Every step type a journey may name in `meta.step`. */
export const steps: ReadonlyMap<string, StepModule> = new Map(
  [
    identify,
    password,
    newPassword,
    emailCode,
    passkey,
    passkeyCreate,
    totp,
    totpSetup,
    recoveryCode,
    recoveryCodes,
    recoveryCodesLeft,
    recoveryHold,
    recoveryHoldWaiting,
    captcha,
    chooseFactor,
    confirmFactorChange,
    consent,
  ].map((step) => [step.name, step as StepModule]),
);
