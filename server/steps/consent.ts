import { z } from 'zod';
import type { UiListNode } from '../flows/screen.ts';
import { button, message } from './nodes.ts';
import { defineStep } from './step.ts';

/** Asks the person to let a third-party app see what it requested. First-party apps never get here. */
export const consent = defineStep({
  name: 'consent',
  description: 'Shows what a third-party app asks for; the person allows or denies it.',
  params: z.object({}).strict(),
  emits: ['consent.granted', 'consent.denied'],
  render({ context, client }) {
    const scopes = (context.requestedScopes ?? ['openid']).filter((s) => s !== 'openid');
    const list: UiListNode = {
      type: 'list',
      group: 'consent',
      attributes: {
        label: 'label.consentList',
        items: ['openid', ...scopes].map((scope) =>
          message(`consent.scope.${scope}`, { client: client.name }),
        ),
      },
      messages: [],
    };
    return {
      title: message('title.consent', { client: client.name }),
      nodes: [
        list,
        button('consent', 'allow', 'button.allow'),
        button('consent', 'deny', 'button.deny', 'secondary'),
      ],
    };
  },
  async submit({ intent, audit }) {
    if (intent === 'deny') {
      await audit('consent.denied');
      return { event: { type: 'consent.denied' } };
    }
    if (intent !== 'allow') return {};
    await audit('consent.granted');
    return { event: { type: 'consent.granted' }, patch: { consented: true } };
  },
});
