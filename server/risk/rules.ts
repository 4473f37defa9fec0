/**
 * The attack-protection rules, as data: `risk/rules.json` (or `RISK_RULES_FILE`). It holds the rate
 * limits, the risk rules (signal, threshold, score), the levels, the soft lockout and the challenge's
 * difficulty. It is checked at start like a journey: a bad file stops the start with lines naming the
 * file, the field and the fix.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Every signal a rule may name (see `signals.ts` for how each is measured). */
export const SIGNALS = [
  'addressFailures',
  'ipFailedAddresses',
  'prefixFailedAddresses',
  'deviceAddresses',
  'globalFailureSpike',
  'newDevice',
  'forwardingMalformed',
  'ipSignups',
] as const;
export type SignalName = (typeof SIGNALS)[number];

/** The risk levels, lowest first. */
export const LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof LEVELS)[number];

const seconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 86_400);

/** One dimension of a limit: how many points in which window, and what happens past them. */
const limitSchema = z
  .object({
    /** Hard limit: past this many in the window, refused (429) for `blockSeconds`. Absent: delays only. */
    points: z.number().int().min(1).optional(),
    windowSeconds: seconds,
    /** @default windowSeconds */
    blockSeconds: seconds.optional(),
    /** Past this many, each request waits, twice as long as the one before. Absent: no delays. */
    delayAfter: z.number().int().min(0).optional(),
    /** @default 250 */
    delayMs: z.number().int().min(1).max(10_000).default(250),
    /** @default 4000 */
    maxDelayMs: z.number().int().min(1).max(30_000).default(4000),
  })
  .strict()
  .refine((l) => l.points === undefined || l.delayAfter === undefined || l.delayAfter < l.points, {
    message: 'delayAfter must be below points (delays come before the hard limit)',
    path: ['delayAfter'],
  });
export type LimitRule = z.infer<typeof limitSchema>;

/** The keys a limit counts by: the client IP, the address typed, or the pair. */
export const DIMENSIONS = ['ip', 'address', 'addressIp'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const ruleSchema = z
  .object({
    signal: z.enum(SIGNALS),
    /** The rule holds when the signal is at least this (booleans count as 0 or 1). */
    atLeast: z.number().min(0),
    /** Added to the flow's score when the rule holds. */
    score: z.number().int().min(-100).max(100),
    /** Why, for the engineers reading the file and the event log. */
    why: z.string().optional(),
  })
  .strict();

export const riskRulesSchema = z
  .object({
    $schema: z.string().optional(),
    /** The lowest score of each level above low. */
    levels: z
      .object({ medium: z.number().int().min(1), high: z.number().int().min(1) })
      .strict()
      .refine((l) => l.medium < l.high, { message: 'medium must be below high', path: ['medium'] }),
    limits: z.record(
      z.string().regex(/^[a-z][a-z.-]*$/, 'a limit name such as signin.failure'),
      z.partialRecord(z.enum(DIMENSIONS), limitSchema),
    ),
    signals: z
      .object({
        /** The window of the per-address, per-IP, per-network and per-device counts. */
        windowSeconds: seconds,
        /** The global failure ratio: sign-ins started that did not succeed, over two windows of this length. */
        globalWindowSeconds: seconds,
        /** Fewer sign-ins started than this in the global window never count as a spike. */
        globalMinAttempts: z.number().int().min(1),
        /** The share of sign-ins that do not succeed that makes a spike. */
        globalFailureRatio: z.number().gt(0).max(1),
      })
      .strict(),
    rules: z.array(ruleSchema).min(1),
    lockout: z
      .object({
        /** Failed sign-ins of one address in the signal window after which its owner is told by mail. */
        failures: z.number().int().min(1),
      })
      .strict(),
    challenge: z
      .object({
        /** The proof of work's size at each level: the solver tries up to this many numbers. */
        maxNumber: z
          .object({
            low: z.number().int().min(100),
            medium: z.number().int().min(100),
            high: z.number().int().min(100),
          })
          .strict(),
        /** How long a challenge may be solved. */
        expiresSeconds: seconds,
      })
      .strict(),
  })
  .strict();

export type RiskRules = z.infer<typeof riskRulesSchema>;

/** Parses and checks a rules file's text; throws `file: field: message (fix)` lines. */
export function parseRiskRules(file: string, text: string): RiskRules {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message}); fix the syntax`);
  }
  const parsed = riskRulesSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
    throw new Error(
      `Invalid risk rules:\n${lines.join('\n')}\nFix the fields above (README, "Attack protection").`,
    );
  }
  const rules = parsed.data;
  const problems: string[] = [];
  if (!rules.limits['signin.failure'])
    problems.push(`${file}: limits.signin.failure: missing; failed sign-ins need a limit`);
  if (problems.length) throw new Error(`Invalid risk rules:\n${problems.join('\n')}`);
  return rules;
}

/** Reads and checks a rules file (at start). */
export function loadRiskRules(file: string): RiskRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `${file}: cannot be read; set RISK_RULES_FILE to the rules file or restore risk/rules.json`,
    );
  }
  return parseRiskRules(file, text);
}

/** The level a score falls in. */
export function levelOf(score: number, levels: RiskRules['levels']): RiskLevel {
  return score >= levels.high ? 'high' : score >= levels.medium ? 'medium' : 'low';
}

/** Whether `level` is at least `floor`. */
export const atLeast = (level: RiskLevel | undefined, floor: RiskLevel): boolean =>
  LEVELS.indexOf(level ?? 'low') >= LEVELS.indexOf(floor);
