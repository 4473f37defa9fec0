import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../server/journeys/index.ts';
import { edgesOf, type JourneyEdge, mermaidOf, simplePaths } from '../../server/journeys/journey-graph.ts';

const load = (id: string) => {
  const file = join(import.meta.dirname, '..', '..', 'journeys', `${id}.json`);
  return compileJourney(file, readFileSync(file, 'utf8')).definition;
};

describe('journey graphs', () => {
  it('lists every simple path of the sign-up journey, with and without the passkey detour and the challenge', () => {
    const paths = simplePaths(load('signup')).map((p) => p.map((e) => e.to).join(' > '));
    expect(paths).toEqual([
      'solveChallenge > choosePassword > verifyEmail > accountCreated',
      'solveChallenge > choosePassword > createPasskey > verifyEmail > accountCreated',
      'choosePassword > verifyEmail > accountCreated',
      'choosePassword > createPasskey > verifyEmail > accountCreated',
    ]);
  });

  it('lists the passkey sign-in, the mailed-code detour and the second factors among the login paths', () => {
    const paths = simplePaths(load('login')).map((p) => p.map((e) => e.to).join(' > '));
    expect(paths).toContain('signedIn');
    expect(paths).toContain('providePassword > checkFactors > signedIn');
    expect(paths).toContain('providePassword > confirmByEmail > checkFactors > signedIn');
    expect(paths).toContain('providePassword > checkFactors > offerPasskey > signedIn');
  });

  it('reaches the second factors through covering paths, which may pass a decision state twice', async () => {
    const { coveringPaths } = await import('../../server/journeys/journey-graph.ts');
    const paths = coveringPaths(load('login')).map((p) => p.map((e) => e.to).join(' > '));
    expect(paths).toContain(
      'providePassword > checkFactors > secondFactor > enterTotp > checkFactors > signedIn',
    );
  });

  it('draws a Mermaid diagram with every state and guarded transition', () => {
    const diagram = mermaidOf(load('login'));
    expect(diagram).toMatch(/^stateDiagram-v2/);
    expect(diagram).toContain('providePassword --> confirmByEmail : password.verified [failuresAtLeast]');
    expect(diagram).toContain('signedIn --> [*]');
  });
});

describe('covering paths', () => {
  it('add a path through every transition no simple path takes', async () => {
    const { coveringPaths } = await import('../../server/journeys/journey-graph.ts');
    const login = load('login');
    const paths = coveringPaths(login);
    const key = (e: JourneyEdge) => `${e.from} ${e.event}${e.guard ? `[${e.guard}]` : ''} ${e.to}`;
    const taken = new Set(paths.flat().map(key));
    expect(taken).toEqual(new Set(edgesOf(login).map(key)));
    expect(taken).toContain('providePassword password.rejected providePassword');
    for (const path of paths) expect(login.states[path.at(-1)!.to]?.type).toBe('final');
  });
});
