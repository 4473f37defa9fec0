import type { EventLog } from '../events/index.ts';
import type { SecretBox } from '../keys/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { PasskeyConfig } from '../passkeys/index.ts';
import type { Risk } from '../risk/index.ts';
import type { Store } from '../store/index.ts';

/** What steps and journey actions may use. Injected, so tests can move the clock. */
export interface StepServices {
  store: Store;
  mailer: Mailer;
  events: EventLog;
  now: () => number;
  /** Keys one-time codes to their flow: a code is useless in another flow. */
  codeHmacKey: string;
  brandName: string;
  /** Portico's public URL: links in mail (a recovery code's link, a hold's cancel link) start with it. */
  issuer: string;
  /** Where passkeys are bound (RP ID, allowed origins, the name shown by the browser). */
  passkeys: PasskeyConfig;
  /** Seals secrets kept at rest (TOTP secrets, codes shown once) with the master key. */
  box: SecretBox;
  /** Attack protection: rate limits, risk signals and scores, the bot challenge (see `risk/`). */
  risk: Risk;
}
