import { z } from 'zod';
import { holdsSecondFactor, SECOND_FACTORS } from '../factors/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { ACR_LEVELS, acrFor, acrRank } from '../provider/index.ts';
import { defineGuard } from './guard.ts';

const factor = z.enum(['password', 'passkey', 'totp', 'email-otp', 'recovery-code']);

export const hasFactor = defineGuard({
  name: 'hasFactor',
  description: 'True when the proven account holds a credential of this kind (`factor`).',
  params: z.object({ factor }).strict(),
  check: (context, params) => Boolean(context.account?.factors.includes(params.factor)),
});

/** The flow's level falls short of what the relying party asked for. */
const belowRequest = (context: FlowContext) =>
  Boolean(context.requiredAcr) && acrRank(acrFor(context.methods)) < acrRank(context.requiredAcr);

export const needsSecondFactor = defineGuard({
  name: 'needsSecondFactor',
  description:
    'True when the account has a second factor this flow has not used yet (a recovery code counts as one), or the relying party asked for more than the flow has earned.',
  params: z.object({}).strict(),
  check: (context) => {
    const used = context.factorsUsed ?? [];
    const enrolled = holdsSecondFactor(context.account?.factors ?? []);
    const usedOne = [...SECOND_FACTORS, 'recovery-code'].some((f) => used.includes(f));
    return (enrolled && !usedOne) || belowRequest(context);
  },
});

export const requiresAcr = defineGuard({
  name: 'requiresAcr',
  description: 'True when the relying party asked for at least this ACR `level` (`1fa`, `mfa`, `phr`).',
  params: z.object({ level: z.enum(['1fa', 'mfa', 'phr']) }).strict(),
  check: (context, { level }) =>
    context.requiredAcr === 'unmet' || acrRank(context.requiredAcr) >= acrRank(ACR_LEVELS[level]),
});

export const requestSatisfied = defineGuard({
  name: 'requestSatisfied',
  description:
    'True when the flow has proven an account at the level the relying party asked for (or one factor, when it asked nothing).',
  params: z.object({}).strict(),
  check: (context) =>
    Boolean(context.accountId) &&
    context.methods.length > 0 &&
    context.requiredAcr !== 'unmet' &&
    !belowRequest(context),
});

export const cannotMeetRequest = defineGuard({
  name: 'cannotMeetRequest',
  description:
    'True when the relying party asked for a phishing-resistant sign-in and the account has no passkey (the flow should end `unmet`).',
  params: z.object({}).strict(),
  check: (context) =>
    acrRank(context.requiredAcr) >= acrRank(ACR_LEVELS.phr) && !context.account?.factors.includes('passkey'),
});
