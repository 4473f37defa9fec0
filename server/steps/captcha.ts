import { z } from 'zod';
import type { UiChallengeNode } from '../flows/screen.ts';
import { anotherEmailButton, navigationEvent } from './identity-nodes.ts';
import { errorMessage, message, text } from './nodes.ts';
import { defineStep } from './step.ts';

/**
 * The bot challenge: an ALTCHA proof of work the page solves by itself (a few hundred milliseconds
 * for a person's browser, real CPU for a bot at scale), sized by the flow's risk level. No third
 * party is involved; the challenge is signed, expires, and is good for this flow only.
 */
export const captcha = defineStep({
  name: 'captcha',
  description:
    "A proof-of-work challenge (ALTCHA, solved by the page, no third party); its size rises with the flow's risk level.",
  params: z.object({}).strict(),
  emits: ['challenge.solved'],
  optionalEvents: ['identifier.change'],
  async render({ context, services, handles }) {
    const challenge = await services.risk.challenge.create(context.flowId, context.risk?.level ?? 'low');
    const node: UiChallengeNode = {
      type: 'challenge',
      group: 'default',
      attributes: {
        challenge: {
          parameters: { ...challenge.parameters },
          ...(challenge.signature ? { signature: challenge.signature } : {}),
        },
        intent: 'challenge.solve',
        label: 'text.challengeWorking',
      },
      messages: [],
    };
    return {
      title: message('title.challenge'),
      subtitle: message('subtitle.challenge'),
      nodes: [text('default', message('text.challenge')), node, ...anotherEmailButton(handles)],
    };
  },
  async submit({ fields, intent, context, services, audit, handles }) {
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    const solved =
      intent === 'challenge.solve' &&
      (await services.risk.challenge.verify(context.flowId, fields.altcha ?? ''));
    if (!solved) {
      await audit('challenge.failed', { data: { level: context.risk?.level ?? 'low' } });
      return { messages: [errorMessage('error.challenge.failed')] };
    }
    await audit('challenge.solved', { data: { level: context.risk?.level ?? 'low' } });
    return { event: { type: 'challenge.solved' } };
  },
});
