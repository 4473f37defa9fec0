/**
 * WCAG 2.2 contrast checks of a theme's palettes. A designer's colours that fail are a warning (in
 * the start log and on `/dev/themes`), not a refusal: the brand may be mid-redesign. Shipped themes
 * must pass (test/themes).
 */
import type { PaletteToken, Theme } from './theme-schema.ts';

type Rgb = [number, number, number];

/** The pairs WCAG 2.2 AA asks of the login page: text 4.5:1, the focus ring (a non-text part) 3:1. */
export const CONTRAST_PAIRS: readonly { fg: PaletteToken; bg: PaletteToken; min: number }[] = [
  { fg: 'text', bg: 'surface', min: 4.5 },
  { fg: 'textMuted', bg: 'surface', min: 4.5 },
  { fg: 'primaryContrast', bg: 'primary', min: 4.5 },
  { fg: 'primary', bg: 'surface', min: 4.5 },
  { fg: 'danger', bg: 'surface', min: 4.5 },
  { fg: 'focus', bg: 'surface', min: 3 },
];

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** Parses a colour the schema accepts into 0–255 sRGB channels (alpha is ignored). */
export function parseColor(value: string): Rgb {
  if (value.startsWith('#')) {
    let h = value.slice(1);
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const nums = (value.match(/-?[0-9.]+%?/g) ?? []).map((n) => ({
    n: Number.parseFloat(n),
    pct: n.endsWith('%'),
  }));
  const [a, b, c] = [
    nums[0] ?? { n: 0, pct: false },
    nums[1] ?? { n: 0, pct: false },
    nums[2] ?? { n: 0, pct: false },
  ];
  if (value.startsWith('hsl')) return hsl(((a.n % 360) + 360) % 360, b.n / 100, c.n / 100);
  return [a, b, c].map((x) => (x.pct ? (x.n / 100) * 255 : x.n)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(parseColor(a)), luminance(parseColor(b))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** One failing pair, e.g. `colors.dark.textMuted on colors.dark.surface is 3.2:1; WCAG AA needs 4.5:1`. */
export function contrastWarnings(theme: Pick<Theme, 'colors'>): string[] {
  const warnings: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const palette = theme.colors[scheme];
    for (const { fg, bg, min } of CONTRAST_PAIRS) {
      const ratio = contrastRatio(palette[fg], palette[bg]);
      if (ratio < min) {
        warnings.push(
          `colors.${scheme}.${fg} (${palette[fg]}) on colors.${scheme}.${bg} (${palette[bg]}) has a contrast of ${ratio.toFixed(2)}:1; WCAG 2.2 AA needs ${min}:1: make one of them ${scheme === 'dark' ? 'lighter or darker' : 'darker or lighter'} until it passes.`,
        );
      }
    }
  }
  return warnings;
}
