import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../server/journeys/index.ts';
import { mermaidOf, simplePaths } from '../../server/journeys/journey-graph.ts';

const load = (id: string) => {
  const file = join(import.meta.dirname, '..', '..', 'journeys', `${id}.json`);
  return compileJourney(file, readFileSync(file, 'utf8')).definition;
};

describe('journey graphs', () => {
  it('lists every simple path of the login journey, including the mailed-code detour', () => {
    const paths = simplePaths(load('login')).map((p) => p.map((e) => e.to).join(' > '));
    expect(paths).toEqual(['providePassword > confirmByEmail > signedIn', 'providePassword > signedIn']);
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
    const taken = new Set(paths.flat().map((e) => `${e.from} ${e.event} ${e.to}`));
    expect(taken).toEqual(
      new Set([
        'provideIdentifier identifier.submitted providePassword',
        'providePassword password.verified confirmByEmail',
        'providePassword password.verified signedIn',
        'providePassword password.rejected providePassword',
        'providePassword identifier.change provideIdentifier',
        'confirmByEmail code.verified signedIn',
        'confirmByEmail code.resend confirmByEmail',
        'confirmByEmail identifier.change provideIdentifier',
      ]),
    );
    for (const path of paths) expect(login.states[path.at(-1)!.to]?.type).toBe('final');
  });
});
