import { z } from 'zod';
import { mailDate } from '../recovery/index.ts';
import { identityNodes } from './identity-nodes.ts';
import { button, message, text } from './nodes.ts';
import { defineStep } from './step.ts';

/**
 * A recovery hold is running: when the reset can be finished, and that it must be on this device.
 * "Back to sign in" sends `notice.seen`.
 */
export const recoveryHoldWaiting = defineStep({
  name: 'recovery-hold-waiting',
  description:
    'Says when a running recovery hold lets the reset finish, on this device only; "Back to sign in" sends `notice.seen`.',
  params: z.object({}).strict(),
  emits: ['notice.seen'],
  render({ context, now }) {
    const readyAt = context.recovery?.readyAt ?? now;
    return {
      title: message('title.recoveryHold.waiting'),
      nodes: [
        ...identityNodes(context.identifier),
        text('default', message('text.recoveryHold.waiting', { date: mailDate(context.locale, readyAt) })),
        button('default', 'submit', 'link.backToSignIn'),
      ],
    };
  },
  async submit({ intent }) {
    return intent === 'submit' ? { event: { type: 'notice.seen' } } : {};
  },
});
