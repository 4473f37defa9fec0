import { experimentOf } from './collect-flows.ts';

/** The variant's own name: `passkey-first` of `passkey-nudge-frequency:passkey-first`. */
const nameOf = (variant: string) =>
  experimentOf(variant) ? variant.slice(variant.indexOf(':') + 1) : variant;

/**
 * The groups of a funnel, control first, for the tests against it. The event log does not say which
 * variant an experiment's binding lists first, so the control is: a variant named `control` (the
 * convention `bindings.json` documents), else one that runs the reported journey itself, else the
 * first by name. Then the others by name; flows outside any experiment (null) come last.
 */
export function orderVariants(
  variants: (string | null)[],
  journeyId: string,
  journeysOf: (variant: string | null) => string[],
): (string | null)[] {
  const rank = (v: string | null) => {
    if (v === null) return 3;
    if (nameOf(v) === 'control') return 0;
    return journeysOf(v).includes(journeyId) ? 1 : 2;
  };
  const label = (v: string | null) => v ?? '';
  return [...variants].sort(
    (a, b) => rank(a) - rank(b) || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0),
  );
}
