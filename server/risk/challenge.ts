/**
 * The bot challenge: an ALTCHA proof of work (`altcha-lib`), made and checked here, solved by the
 * page (no third-party service). Its size rises with the flow's risk level (`challenge.maxNumber`
 * in the rules); it is signed, expires, and names its flow, so a solution is good for that flow only.
 */

import { createHmac, randomInt } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Challenge, Solution } from 'altcha-lib/types';
import type { RiskLevel, RiskRules } from './rules.ts';

/** The algorithm of every challenge (the page's solver uses the same, through WebCrypto). */
export const CHALLENGE_ALGORITHM = 'SHA-256';

export interface BotChallenge {
  /** A new challenge for a flow, sized for its risk level. */
  create(flowId: string, level: RiskLevel): Promise<Challenge>;
  /** Whether `payload` (the page's JSON answer) solves a challenge made for this flow, in time. */
  verify(flowId: string, payload: string): Promise<boolean>;
}

export function createBotChallenge(opts: {
  key: string;
  config: RiskRules['challenge'];
  now: () => number;
}): BotChallenge {
  const secret = createHmac('sha256', opts.key).update('altcha-challenge').digest('base64url');
  const keySecret = createHmac('sha256', opts.key).update('altcha-key').digest('base64url');
  return {
    async create(flowId, level) {
      const max = opts.config.maxNumber[level];
      return createChallenge({
        algorithm: CHALLENGE_ALGORITHM,
        cost: 1,
        counter: randomInt(Math.floor(max / 2), max),
        deriveKey,
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
        expiresAt: Math.floor(opts.now() / 1000) + opts.config.expiresSeconds,
        data: { flow: flowId },
      });
    },
    async verify(flowId, payload) {
      let parsed: { challenge?: Challenge; solution?: Solution };
      try {
        parsed = JSON.parse(payload) as typeof parsed;
      } catch {
        return false;
      }
      const { challenge, solution } = parsed;
      if (!challenge?.parameters || !solution || typeof solution.counter !== 'number') return false;
      if (challenge.parameters.data?.flow !== flowId) return false;
      const expiresAt = challenge.parameters.expiresAt;
      if (typeof expiresAt !== 'number' || expiresAt * 1000 <= opts.now()) return false;
      const result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
      }).catch(() => null);
      return result?.verified === true;
    },
  };
}
