import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type FactorChange, factorChanged } from '../factors/factor-change.ts';
import { holdsSecondFactor, SECOND_FACTORS } from '../factors/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import type { Credential } from '../store/index.ts';
import { identityNodes } from './identity-nodes.ts';
import { button, errorMessage, message, text } from './nodes.ts';
import type { StepServices } from './services.ts';
import { defineStep } from './step.ts';

/** The account-page tasks this step carries out, and what each changes. */
const CHANGES: Record<
  string,
  { removes?: Credential['type']; adds?: Credential['type']; change: FactorChange }
> = {
  'remove-passkey': { removes: 'passkey', change: 'passkeyRemoved' },
  'remove-totp': { removes: 'totp', change: 'totpRemoved' },
  'email-codes-off': { removes: 'email-otp', change: 'emailOtpRemoved' },
  'email-codes-on': { adds: 'email-otp', change: 'emailOtpAdded' },
};

/**
 * Why a removal is refused, or null. The account must keep a way to sign in (a password or a
 * passkey), and multi-factor, once on, stays on: the last second factor goes only after another is set up.
 */
export function removalRefusal(all: Credential[], target: Credential): string | null {
  const after = all.filter((c) => c.id !== target.id);
  if (!after.some((c) => c.type === 'password' || c.type === 'passkey')) return 'error.task.lastSignInMethod';
  const second = (list: Credential[]) => holdsSecondFactor(list.map((c) => c.type));
  if (SECOND_FACTORS.includes(target.type) && second(all) && !second(after))
    return 'error.task.lastSecondFactor';
  return null;
}

/** What the task acts on: the change, the credential to remove (if it is this account's), and any refusal. */
async function plan(services: StepServices, context: FlowContext) {
  const spec = CHANGES[context.task?.name ?? ''];
  if (!spec || !context.accountId)
    return { spec: undefined, target: undefined, refusal: 'error.task.unknown' };
  const all = await services.store.credentials.list(context.accountId);
  if (spec.adds) {
    const refusal = all.some((c) => c.type === spec.adds) ? 'error.task.alreadyOn' : null;
    return { spec, target: undefined, refusal };
  }
  const target = all.find(
    (c) => c.type === spec.removes && (spec.removes !== 'passkey' || c.id === context.task?.target),
  );
  if (!target) return { spec, target, refusal: 'error.task.notFound' };
  return { spec, target, refusal: removalRefusal(all, target) };
}

/** Confirms one change to the account's sign-in methods (remove a passkey or the app, email codes on or off). */
export const confirmFactorChange = defineStep({
  name: 'confirm-factor-change',
  description:
    'Confirms an account-page change (remove a passkey or the authenticator app, email codes on/off); refuses to leave the account without a way in or without its second factor.',
  params: z.object({}).strict(),
  emits: ['change.confirmed', 'task.cancelled'],
  async render({ context, services }) {
    const { spec, target, refusal } = await plan(services, context);
    const name = String(target?.data.name ?? '');
    return {
      title: message(`title.task.${context.task?.name ?? 'unknown'}`),
      nodes: [
        ...identityNodes(context.identifier),
        refusal
          ? text('default', errorMessage(refusal))
          : text('default', message(`text.task.${context.task?.name}`, { name })),
        ...(refusal || !spec
          ? []
          : [button('default', 'submit', spec.adds ? 'button.turnOn' : 'button.remove')]),
        button('navigation', 'task.cancelled', refusal ? 'button.back' : 'button.cancel', 'secondary'),
      ],
    };
  },
  async submit({ intent, context, services, audit }) {
    if (intent === 'task.cancelled') return { event: { type: 'task.cancelled' } };
    if (intent !== 'submit') return {};
    const { spec, target, refusal } = await plan(services, context);
    if (!spec || refusal || !context.accountId) {
      await audit('factor.change.refused', { data: { task: context.task?.name, reason: refusal } });
      return { messages: [errorMessage(refusal ?? 'error.task.unknown')] };
    }
    const done = spec.adds
      ? await services.store.credentials.add(context.accountId, {
          id: randomUUID(),
          type: spec.adds,
          secret: '',
          counter: 0,
          data: {},
          createdAt: services.now(),
        })
      : // Judged again inside the deletion's transaction: another tab may have removed a factor since.
        await services.store.credentials.removeIf(
          context.accountId,
          target!.id,
          (all) => removalRefusal(all, target!) === null,
        );
    if (!done) {
      const now = await plan(services, context);
      const why = now.refusal ?? 'error.task.notFound';
      await audit('factor.change.refused', { data: { task: context.task?.name, reason: why } });
      return { messages: [errorMessage(why)] };
    }
    await factorChanged(services, audit, context, spec.change, target ? { name: target.data.name } : {});
    return { event: { type: 'change.confirmed' } };
  },
});
