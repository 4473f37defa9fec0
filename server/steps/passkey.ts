import { z } from 'zod';
import {
  anotherWayButton,
  identityNodes,
  lostFactorsButton,
  navigationEvent,
  recoveryButton,
} from './identity-nodes.ts';
import { message, text } from './nodes.ts';
import { ceremonyFailed, passkeyGetNode, refusalMessage, verifyPasskeySignIn } from './passkey-ceremony.ts';
import { defineStep } from './step.ts';

/**
 * Asks the known account for one of its passkeys: to step up, or as the second factor. A passkey
 * with user verification proves two factors at once (the ID token says `phr`).
 */
export const passkey = defineStep({
  name: 'passkey',
  description: 'Asks the account for one of its own passkeys (step-up, second factor); needs JavaScript.',
  params: z.object({}).strict(),
  emits: ['passkey.verified'],
  optionalEvents: ['factor.choose', 'identifier.change', 'recovery.start', 'factor.lost'],
  async render(input) {
    const { context, handles } = input;
    return {
      title: message('title.passkey'),
      nodes: [
        ...identityNodes(context.identifier),
        text('passkey', message('text.passkeyPrompt')),
        await passkeyGetNode(input, context.accountId, {
          label: 'button.usePasskey',
          variant: 'primary',
          failIntent: 'passkey.failed',
        }),
        ...anotherWayButton(handles, context),
        ...recoveryButton(handles, 'button.lostPasskey'),
        ...lostFactorsButton(handles),
      ],
    };
  },
  async submit(input) {
    const { intent, handles, context, audit, fields } = input;
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    if (intent === 'passkey.failed') {
      await audit('login.passkey.failed', {
        data: { reason: String(fields.reason ?? 'cancelled').slice(0, 40) },
      });
      return ceremonyFailed('error.passkey.cancelled');
    }
    if (intent !== 'passkey') return {};
    const result = await verifyPasskeySignIn(input, context.accountId);
    if (!result.ok) {
      await audit('login.passkey.failed', { data: { reason: result.reason } });
      return { ...ceremonyFailed(refusalMessage(result.reason)), patch: { failures: context.failures + 1 } };
    }
    await audit('login.passkey.succeeded');
    return { event: { type: 'passkey.verified' }, patch: result.patch };
  },
});
