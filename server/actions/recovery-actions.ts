import { z } from 'zod';
import { completeRecovery as complete } from '../recovery/index.ts';
import { defineAction } from './action.ts';

/** Completes a recovery with the new password or passkey the flow chose (see `server/recovery/`). */
export const completeRecovery = defineAction({
  name: 'completeRecovery',
  description:
    'Stores the new password or passkey, ends every other session and refresh token, flags second factors added in the last `reviewHours` (default 24), and mails the owner.',
  params: z
    .object({
      /** Second factors added this recently are flagged for review on the account page. @default 24 */
      reviewHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
    })
    .strict(),
  async run({ params, context, services, audit }) {
    return complete(services, audit, context, params);
  },
});
