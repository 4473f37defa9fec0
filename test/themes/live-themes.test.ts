import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { contrastWarnings, LiveThemes, loadThemes } from '../../server/themes/index.ts';

const shipped = join(import.meta.dirname, '../../themes');

function copyOfThemes(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-live-themes-'));
  cpSync(shipped, dir, { recursive: true });
  return dir;
}

describe('shipped themes', () => {
  it('pass WCAG 2.2 AA contrast in light and dark', () => {
    for (const theme of loadThemes(shipped).values()) expect(contrastWarnings(theme), theme.id).toEqual([]);
  });

  it('carry the licence of every font file they ship', () => {
    for (const theme of loadThemes(shipped).values()) {
      for (const font of theme.typography.fonts) expect(font.file).toMatch(/^fonts\//);
      if (theme.typography.fonts.length) {
        const licence = readFileSync(
          join(
            theme.dir,
            'fonts',
            `LICENSE-${theme.typography.fonts[0]!.file.split('/')[1]!.split('-latin')[0]}.txt`,
          ),
          'utf8',
        );
        expect(licence).toMatch(/SIL Open Font License/);
      }
    }
  });
});

describe('LiveThemes', () => {
  const logger = pino({ level: 'silent' });

  it('serves an edited theme, and keeps the last good one when an edit breaks it', () => {
    const dir = copyOfThemes();
    const live = new LiveThemes({ dir, logger, now: () => 0 });
    const file = join(dir, 'nightfall/theme.json');
    const theme = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...theme, radius: '2px' }));
    expect(live.reload()).toEqual(['nightfall']);
    expect(live.current().get('nightfall')?.css).toContain('--portico-radius: 2px;');

    writeFileSync(file, JSON.stringify({ ...theme, layout: 'sideways' }));
    live.reload();
    expect(live.current().get('nightfall')?.css).toContain('--portico-radius: 2px;');
    expect(live.status().find((s) => s.id === 'nightfall')).toMatchObject({
      status: 'serving-last-good',
      problem: expect.stringMatching(/nightfall[/\\]theme\.json: field "layout"/),
    });
  });

  it('refuses to start on a bad theme, naming the file and the field', () => {
    const dir = copyOfThemes();
    writeFileSync(join(dir, 'acme/theme.json'), '{ "id": "acme" }');
    expect(() => new LiveThemes({ dir, logger, now: () => 0 })).toThrow(
      /acme[/\\]theme\.json: field "name" is missing/,
    );
  });
});
