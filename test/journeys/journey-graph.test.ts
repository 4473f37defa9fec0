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
