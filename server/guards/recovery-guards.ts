import { z } from 'zod';
import { defineGuard } from './guard.ts';

export const knowsIdentifier = defineGuard({
  name: 'knowsIdentifier',
  description:
    'True when the flow already has the email address (a recovery started from "Forgot password?" keeps the one typed).',
  params: z.object({}).strict(),
  check: (context) => Boolean(context.identifier),
});

export const recoveryHoldReady = defineGuard({
  name: 'recoveryHoldReady',
  description:
    "True when the account's cooling-off hold has run its course and was started from this device: the reset may complete.",
  params: z.object({}).strict(),
  check: (context) => context.recovery?.hold === 'ready',
});

export const recoveryHoldWaiting = defineGuard({
  name: 'recoveryHoldWaiting',
  description:
    "True when this device started the account's cooling-off hold and it has not run its course yet.",
  params: z.object({}).strict(),
  check: (context) => context.recovery?.hold === 'waiting',
});
