import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const assets = join(import.meta.dirname, '..', '..', 'dist', 'client', 'assets');

describe('the built login page', () => {
  it('ships React’s production build, even when built from the test runner', () => {
    // The suite's global setup builds dist/ under NODE_ENV=test; npm start must not then serve a dev bundle.
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(join(assets, file), 'utf8');
      expect(code, file).not.toContain('jsxDEV');
      expect(code, file).not.toContain('This is the development version');
    }
  });
});
