import { z } from 'zod';
import { factorChanged } from '../factors/factor-change.ts';
import { passkeyMethods } from '../passkeys/index.ts';
import { anotherEmailButton, identityNodes, navigationEvent } from './identity-nodes.ts';
import { button, message, text } from './nodes.ts';
import { ceremonyFailed, passkeyCreateNode, verifyPasskeyCreation } from './passkey-ceremony.ts';
import { defineStep } from './step.ts';

/**
 * Makes a passkey: during sign-up (kept until the account exists), on the account page, or after a
 * password sign-in as the enrollment nudge. In a nudge, every answer is an event
 * (`passkey.nudge.accepted`, `.succeeded`, `.failed`, `.declined`), so the rollout funnel can be read
 * from the event log.
 */
export const passkeyCreate = defineStep({
  name: 'passkey-create',
  description:
    'Makes a passkey for the account (or the sign-up in progress); "Not now" sends `passkey.declined`. Needs JavaScript.',
  params: z
    .object({
      /** Wording, and where the passkey goes: kept for the new account or the recovery's end, or stored at once. @default 'add' */
      purpose: z.enum(['signup', 'add', 'nudge', 'recovery']).default('add'),
    })
    .strict(),
  emits: ['passkey.created'],
  optionalEvents: ['passkey.declined', 'identifier.change'],
  async render(input) {
    const { params, context, handles } = input;
    return {
      title: message(`title.passkeyCreate.${params.purpose}`),
      nodes: [
        ...identityNodes(context.identifier),
        text('passkey', message(`text.passkeyCreate.${params.purpose}`)),
        await passkeyCreateNode(input, {
          label: 'button.createPasskey',
          variant: 'primary',
          failIntent: 'passkey.failed',
        }),
        ...(handles.has('passkey.declined')
          ? [button('navigation', 'passkey.declined', `button.passkeyDecline.${params.purpose}`, 'secondary')]
          : []),
        ...anotherEmailButton(handles),
      ],
    };
  },
  async submit(input) {
    const { params, intent, handles, context, services, audit, fields } = input;
    const nudge = params.purpose === 'nudge';
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    if (intent === 'passkey.declined' && handles.has('passkey.declined')) {
      await audit(nudge ? 'passkey.nudge.declined' : 'passkey.enroll.declined');
      return { event: { type: 'passkey.declined' }, patch: { pendingPasskey: undefined } };
    }
    if (intent !== 'passkey' && intent !== 'passkey.failed') return {};
    if (nudge) await audit('passkey.nudge.accepted');
    const credential = intent === 'passkey' ? await verifyPasskeyCreation(input) : null;
    if (!credential) {
      const reason =
        intent === 'passkey' ? 'not_verified' : String(fields.reason ?? 'cancelled').slice(0, 40);
      await audit(nudge ? 'passkey.nudge.failed' : 'passkey.enroll.failed', { data: { reason } });
      return ceremonyFailed(intent === 'passkey' ? 'error.passkey.notCreated' : 'error.passkey.cancelled');
    }
    // Kept in the flow until the recovery completes. Made to replace what was lost, it proves
    // nothing more than the recovery did: the sign-in that follows rests on the mailbox and factor.
    if (params.purpose === 'recovery') {
      await audit('passkey.enroll.succeeded', { data: { recovery: true } });
      return {
        event: { type: 'passkey.created' },
        patch: { pendingPasskey: { ...credential, createdAt: services.now() } },
      };
    }
    // Kept in the flow until the sign-up creates the account; made by the person signing up, it proves them.
    if (params.purpose === 'signup' || !context.accountId) {
      await audit('passkey.enroll.succeeded', { data: { signup: true } });
      const backedUp = credential.data.backedUp === true;
      return {
        event: { type: 'passkey.created' },
        patch: {
          pendingPasskey: { ...credential, createdAt: services.now() },
          methods: [...context.methods, ...passkeyMethods(backedUp)],
          factorsUsed: [...(context.factorsUsed ?? []), 'passkey'],
        },
      };
    }
    if (
      !(await services.store.credentials.add(context.accountId, { ...credential, createdAt: services.now() }))
    )
      return ceremonyFailed('error.passkey.alreadyRegistered');
    await audit(nudge ? 'passkey.nudge.succeeded' : 'passkey.enroll.succeeded');
    await factorChanged(services, audit, context, 'passkeyAdded', { name: credential.data.name });
    return { event: { type: 'passkey.created' } };
  },
});
