/**
 * Experiments: a trigger's binding may split traffic between journey variants by weight. Assignment
 * is sticky per device: a hash of the experiment's name and the browser's device id picks a bucket,
 * so the same browser always gets the same variant, and each experiment splits devices on its own.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Experiment and variant names: lower-case words joined by dashes. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const nameOf = (what: string, example: string) =>
  z.string({ error: `the ${what} is a string` }).regex(NAME, {
    error: `use lower-case words joined by dashes for the ${what}, such as "${example}"`,
  });

const WEIGHT_FIX =
  'a weight is a positive whole number, a share of the traffic (90 and 10 split it 90% / 10%)';

const variantSchema = z
  .object({
    /** Stamped on the flow and on every event of it, after the experiment's name. */
    name: nameOf('variant name', 'passkey-first'),
    /** The journey this variant runs. */
    journey: z.string({ error: 'name the journey this variant runs, such as "login"' }).min(1),
    /** Its share of the traffic, relative to the other variants' weights. */
    weight: z.number({ error: WEIGHT_FIX }).int({ error: WEIGHT_FIX }).positive({ error: WEIGHT_FIX }),
  })
  .strict();

/** A binding that splits a trigger's traffic between journey variants. */
export const experimentSchema = z
  .object({
    /** Unique across `bindings.json`; it seeds the assignment hash, so renaming it reshuffles devices. */
    experiment: nameOf('experiment name', 'passkey-nudge-frequency'),
    /** The first variant is the control: requests without a device id get it. */
    variants: z.array(variantSchema).min(1, {
      error:
        'an experiment needs at least one variant, such as { "name": "control", "journey": "login", "weight": 100 }',
    }),
  })
  .strict()
  .superRefine((experiment, ctx) => {
    const seen = new Set<string>();
    experiment.variants.forEach((variant, i) => {
      if (seen.has(variant.name))
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'name'],
          message: `"${variant.name}" names two variants of experiment "${experiment.experiment}"; give each variant its own name`,
        });
      seen.add(variant.name);
    });
  });

export type Experiment = z.infer<typeof experimentSchema>;
export type Variant = Experiment['variants'][number];

/** Assignment buckets: a weight moves devices in steps of 1 / BUCKETS of the traffic. */
const BUCKETS = 10_000;

/** The device's bucket (0..9999) in an experiment: SHA-256 of the experiment's name and the device id. */
export function bucketOf(experiment: string, deviceId: string): number {
  const digest = createHash('sha256').update(`${experiment}\n${deviceId}`).digest();
  return digest.readUIntBE(0, 6) % BUCKETS;
}

/**
 * The variant a device gets: its bucket laid over the cumulative weights, in the order the variants
 * are written. Changing one weight only moves the devices whose buckets cross a boundary. Without a
 * device id (the login page's GET sets the cookie, so this should not happen) the first variant runs.
 */
export function pickVariant(experiment: Experiment, deviceId: string | null): Variant {
  const [first] = experiment.variants;
  if (!first) throw new Error(`experiment "${experiment.experiment}" has no variants`);
  if (!deviceId) return first;
  const total = experiment.variants.reduce((sum, v) => sum + v.weight, 0);
  // bucket / BUCKETS < cumulative / total, in whole numbers.
  const point = bucketOf(experiment.experiment, deviceId) * total;
  let cumulative = 0;
  for (const variant of experiment.variants) {
    cumulative += variant.weight;
    if (point < cumulative * BUCKETS) return variant;
  }
  return first;
}

/**
 * What a flow and each of its events carry as `variant`: `<experiment>:<variant>`, so the event log
 * alone says which experiment a flow ran in (variant names repeat across experiments; experiment
 * names do not).
 */
export const variantLabel = (experiment: Experiment, variant: Variant): string =>
  `${experiment.experiment}:${variant.name}`;
