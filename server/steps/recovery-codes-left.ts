import { z } from 'zod';
import { button, message, text } from './nodes.ts';
import { defineStep } from './step.ts';

/**
 * After a recovery code: how many are left, so nobody runs out by surprise; with few left, a nudge
 * to make new ones on the account page.
 */
export const recoveryCodesLeft = defineStep({
  name: 'recovery-codes-left',
  description:
    'Says how many recovery codes the account has left after using one; Continue sends `notice.seen`.',
  params: z
    .object({
      /** Below this many codes, suggest making new ones. @default 3 */
      warnBelow: z.number().int().min(0).max(10).default(3),
    })
    .strict(),
  emits: ['notice.seen'],
  render({ params, context }) {
    const left = context.account?.recoveryCodesLeft ?? 0;
    return {
      title: message('title.recoveryCodeUsed'),
      nodes: [
        text('code', message('text.recoveryCodesLeft', { count: left })),
        ...(left < params.warnBelow ? [text('code', message('text.recoveryCodesLow'))] : []),
        button('default', 'submit', 'button.continue'),
      ],
    };
  },
  async submit({ intent }) {
    return intent === 'submit' ? { event: { type: 'notice.seen' } } : {};
  },
});
