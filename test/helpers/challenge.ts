import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Screen, UiChallengeNode } from '../../server/flows/screen.ts';

/** The challenge node of a screen (the captcha step). */
export function challengeOf(screen: Screen): UiChallengeNode {
  const node = screen.nodes.find((n): n is UiChallengeNode => n.type === 'challenge');
  if (!node) throw new Error(`the "${screen.state}" screen has no challenge`);
  return node;
}

/** Solves a screen's proof of work as the page does; answers the fields to post (`altcha`). */
export async function solvedChallenge(screen: Screen): Promise<Record<string, string>> {
  const { challenge } = challengeOf(screen).attributes;
  const typed = challenge as unknown as Parameters<typeof solveChallenge>[0]['challenge'];
  const solution = await solveChallenge({ challenge: typed, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error('the challenge could not be solved');
  return { altcha: JSON.stringify({ challenge, solution }) };
}
