import { z } from 'zod';
import { atLeast } from '../risk/rules.ts';
import { defineGuard } from './guard.ts';

export const riskAtLeast = defineGuard({
  name: 'riskAtLeast',
  description:
    "True when the flow's risk (scored by `risk/rules.json` when the address was typed) is at least `level` (`medium`, `high`).",
  params: z.object({ level: z.enum(['medium', 'high']) }).strict(),
  check: (context, { level }) => atLeast(context.risk?.level, level),
});

export const passwordBreached = defineGuard({
  name: 'passwordBreached',
  description:
    'True when the password this flow signed in with is on the breached-password list (route to a forced change).',
  params: z.object({}).strict(),
  check: (context) => context.passwordBreached === true,
});
