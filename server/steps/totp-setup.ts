import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { factorChanged } from '../factors/factor-change.ts';
import { matchingTotpStep, qrDataUrl, totpUri } from '../factors/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { identityNodes } from './identity-nodes.ts';
import { button, errorMessage, input, message, text } from './nodes.ts';
import { codeInput } from './one-time-code.ts';
import type { StepServices } from './services.ts';
import { defineStep } from './step.ts';

/** The secret being set up, sealed in the flow by the `startTotpSetup` action. */
export const setupSecretName = (flowId: string) => `totp-setup:${flowId}`;

function setupSecret(services: StepServices, context: FlowContext): string {
  if (!context.totpSetup) throw new Error('totp-setup needs the startTotpSetup action on entry');
  return services.box.open(setupSecretName(context.flowId), context.totpSetup);
}

/**
 * Sets up an authenticator app: a QR code and the secret as text, then one code to confirm it; only
 * a confirmed secret counts. The account's address is told at once.
 */
export const totpSetup = defineStep({
  name: 'totp-setup',
  description:
    'Sets up an authenticator app: QR code and secret as text, confirmed by one code (needs `startTotpSetup` on entry).',
  params: z.object({}).strict(),
  emits: ['totp.enrolled'],
  optionalEvents: ['task.cancelled'],
  render({ context, services, handles }) {
    const secret = setupSecret(services, context);
    const uri = totpUri(secret, context.identifier ?? '', services.brandName);
    return {
      title: message('title.totpSetup'),
      nodes: [
        ...identityNodes(context.identifier),
        text('totp', message('text.totpScan')),
        {
          type: 'image',
          group: 'totp',
          attributes: { src: qrDataUrl(uri), alt: 'label.totpQr', width: 200, height: 200 },
          messages: [],
        },
        input('totp', {
          name: 'secret',
          inputType: 'text',
          label: 'label.totpSecret',
          value: secret.replace(/(.{4})/g, '$1 ').trim(),
          readOnly: true,
          autocomplete: 'off',
        }),
        text('totp', message('text.totpConfirm')),
        codeInput('totp', 'label.totpCode'),
        button('default', 'submit', 'button.confirmTotp'),
        ...(handles.has('task.cancelled')
          ? [button('navigation', 'task.cancelled', 'button.cancel', 'link')]
          : []),
      ],
    };
  },
  async submit({ fields, intent, handles, context, services, audit }) {
    if (intent === 'task.cancelled' && handles.has('task.cancelled'))
      return { event: { type: 'task.cancelled' } };
    const typed = (fields.code ?? '').replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(typed)) return { fields: { code: [errorMessage('error.totp.format')] } };
    if (!context.accountId) throw new Error('totp-setup needs a proven account');
    const secret = setupSecret(services, context);
    const now = services.now();
    const step = matchingTotpStep(secret, typed, now);
    if (step === null) {
      await audit('totp.setup.failed');
      return { fields: { code: [errorMessage('error.totp.setupInvalid')] } };
    }
    const id = randomUUID();
    const added = await services.store.credentials.add(context.accountId, {
      id,
      type: 'totp',
      secret: services.box.seal(`totp:${id}`, secret),
      // The confirming code's step is used up: it cannot sign in afterwards.
      counter: step,
      data: {},
      createdAt: now,
    });
    if (!added) return { messages: [errorMessage('error.totp.alreadySetUp')] };
    await factorChanged(services, audit, context, 'totpAdded');
    return { event: { type: 'totp.enrolled' }, patch: { totpSetup: undefined } };
  },
});
