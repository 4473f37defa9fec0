/**
 * The renderer's side of a `challenge` node: once the page is hydrated it solves the ALTCHA proof of
 * work in the browser (WebCrypto, no third party) and posts the solution with the node's intent, so
 * the person only waits a moment. The solver is loaded only on this screen. Without JavaScript the
 * page says the step needs it.
 */
import { useEffect, useRef, useState } from 'react';
import type { UiChallengeNode } from '../../server/flows/screen.ts';
import { usePage } from '../page-context.tsx';
import { useMessage } from '../use-message.ts';

type Challenge = UiChallengeNode['attributes']['challenge'];

/** Solves a challenge; answers the payload the server checks, or null when it could not. */
async function solve(challenge: Challenge): Promise<string | null> {
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/sha'),
  ]);
  const typed = challenge as unknown as Parameters<typeof solveChallenge>[0]['challenge'];
  const solution = await solveChallenge({ challenge: typed, deriveKey, timeout: 120_000 });
  return solution ? JSON.stringify({ challenge, solution }) : null;
}

export function ChallengeView({ node }: { node: UiChallengeNode }) {
  const { hydrated, submit } = usePage();
  const message = useMessage();
  const [failed, setFailed] = useState(false);
  const started = useRef<Challenge | null>(null);
  const { challenge, intent, label } = node.attributes;

  useEffect(() => {
    if (!hydrated || started.current === challenge) return;
    started.current = challenge;
    setFailed(false);
    solve(challenge).then(
      (payload) => (payload ? submit({ altcha: payload }, intent) : setFailed(true)),
      () => setFailed(true),
    );
  }, [hydrated, challenge, intent, submit]);

  const text = !hydrated
    ? message({ id: 'text.challengeNeedsScript', type: 'info' })
    : failed
      ? message({ id: 'error.challenge.failed', type: 'error' })
      : message({ id: label, type: 'info' });
  return (
    <p className="portico-text portico-challenge" role="status" aria-live="polite">
      {text}
    </p>
  );
}
