import { z } from 'zod';
import { defineGuard } from './guard.ts';

export const failuresAtLeast = defineGuard({
  name: 'failuresAtLeast',
  description: 'True when this flow has seen at least `count` failed credential checks.',
  params: z.object({ count: z.number().int().min(1) }).strict(),
  check: (context, { count }) => context.failures >= count,
});

export const hasEarned = defineGuard({
  name: 'hasEarned',
  description: 'True when this flow has already earned the authentication `method` (an RFC 8176 amr value).',
  params: z.object({ method: z.enum(['pwd', 'otp', 'hwk', 'swk', 'user']) }).strict(),
  check: (context, { method }) => context.methods.includes(method),
});
