import { z } from 'zod';
import type { UiListNode } from '../flows/screen.ts';
import { button, message, text, verbatim } from './nodes.ts';
import { defineStep } from './step.ts';

/** The sealed codes' name in the flow (`issueRecoveryCodes` seals them, this step opens them). */
export const shownCodesName = (flowId: string) => `recovery-codes:${flowId}`;

/** Shows freshly issued recovery codes once; they leave the flow when the person says they saved them. */
export const recoveryCodes = defineStep({
  name: 'recovery-codes',
  description: 'Shows the recovery codes `issueRecoveryCodes` made, once; `codes.saved` forgets them.',
  params: z.object({}).strict(),
  emits: ['codes.saved'],
  render({ context, services }) {
    const codes: string[] = context.recoveryCodesToShow
      ? JSON.parse(services.box.open(shownCodesName(context.flowId), context.recoveryCodesToShow))
      : [];
    const list: UiListNode = {
      type: 'list',
      group: 'code',
      attributes: { label: 'label.recoveryCodes', items: codes.map(verbatim) },
      messages: [],
    };
    // `issueRecoveryCodes` with `onlyIfNone` leaves an account's existing codes alone: nothing to show.
    if (codes.length === 0)
      return {
        title: message('title.taskDone'),
        nodes: [
          text('code', message('text.recoveryCodesKept')),
          button('default', 'submit', 'button.continue'),
        ],
      };
    return {
      title: message('title.recoveryCodes'),
      nodes: [
        text('code', message('text.recoveryCodes', { count: codes.length })),
        list,
        button('default', 'submit', 'button.codesSaved'),
      ],
    };
  },
  async submit({ intent, audit }) {
    if (intent !== 'submit') return {};
    await audit('recovery-codes.shown');
    return { event: { type: 'codes.saved' }, patch: { recoveryCodesToShow: undefined } };
  },
});
