/**
 * The risk engine: signals in, a score and a level out, by the rules of `risk/rules.json`. Every rule
 * whose signal is at least its threshold adds its score; the levels' floors turn the sum into low,
 * medium or high. Journeys read the level through the `riskAtLeast` guard.
 */
import { levelOf, type RiskLevel, type RiskRules } from './rules.ts';
import type { SignalValues } from './signals.ts';

/** What a flow keeps of its assessment (in its context, and on the `risk.assessed` event). */
export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  /** The signals whose rules held, e.g. `addressFailures>=5`. */
  reasons: string[];
}

/** Scores the signals of one flow. */
export function assess(signals: SignalValues, rules: Pick<RiskRules, 'rules' | 'levels'>): RiskAssessment {
  let score = 0;
  const reasons: string[] = [];
  for (const rule of rules.rules) {
    if (signals[rule.signal] >= rule.atLeast) {
      score += rule.score;
      reasons.push(`${rule.signal}>=${rule.atLeast}`);
    }
  }
  score = Math.max(0, Math.min(100, score));
  return { score, level: levelOf(score, rules.levels), reasons };
}
