import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Trigger } from '../flows/flow-context.ts';
import { experimentSchema, pickVariant, variantLabel } from './experiments.ts';

/** What a trigger runs: one journey (its id), or an experiment that splits traffic between journeys. */
const bindingSchema = z.union([z.string().min(1), experimentSchema]);
export type Binding = z.infer<typeof bindingSchema>;

const triggerMap = z
  .object({
    login: bindingSchema,
    signup: bindingSchema,
    consent: bindingSchema,
    stepup: bindingSchema,
    /** "Forgot password?", "Lost your passkey?" and `/recover`. */
    recovery: bindingSchema,
  })
  .strict();

/** The defaults: a file written before recovery existed runs the shipped `recovery` journey. */
const defaultMap = triggerMap.extend({ recovery: bindingSchema.default('recovery') });

const bindingsSchema = z
  .object({
    $schema: z.string().optional(),
    /** The journey (or experiment) each trigger runs by default. */
    default: defaultMap,
    /** Per relying party, journeys (or experiments) that replace the defaults. */
    clients: z.record(z.string(), triggerMap.partial()).default({}),
    /** The journey each account-page task runs (`add-passkey`, `setup-totp`, ...). */
    tasks: z.record(z.string().regex(/^[a-z][a-z-]*$/), z.string()).default({}),
  })
  .strict();

export type Bindings = z.infer<typeof bindingsSchema>;

/** The journeys a binding can run. */
export const journeysOf = (binding: Binding): string[] =>
  typeof binding === 'string' ? [binding] : binding.variants.map((v) => v.journey);

/** Every trigger binding of the file, with its path (`default.login`, `clients.shop.signup`). */
function triggerBindings(bindings: Bindings): [string, Binding][] {
  const perClient = Object.entries(bindings.clients).flatMap(([client, map]) =>
    Object.entries(map).map(([trigger, b]): [string, Binding] => [`clients.${client}.${trigger}`, b]),
  );
  return [
    ...Object.entries(bindings.default).map(([t, b]): [string, Binding] => [`default.${t}`, b]),
    ...perClient,
  ];
}

/** Zod's issues as `path: message` lines; a binding that fits neither form says what each form wants. */
function issueLines(issues: z.core.$ZodIssue[], base: PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    const where = path.length ? `${path.map(String).join('.')}: ` : '';
    if (issue.code !== 'invalid_union') return [`${where}${issue.message}`];
    // Only the form the value was written in (a string or an object) has anything useful to say.
    const meant = issue.errors.find(
      (branch) => !branch.some((i) => i.code === 'invalid_type' && !i.path.length),
    );
    return meant
      ? issueLines(meant, path)
      : [
          `${where}expected a journey id (such as "login") or an experiment ({ "experiment": "<name>", "variants": [...] })`,
        ];
  });
}

/** Rules that need the whole file and the loaded journeys: experiment names unique, every journey loaded. */
function crossChecks(bindings: Bindings, journeyIds: string[]): string[] {
  const problems: string[] = [];
  const known = new Set(journeyIds);
  const experiments = new Map<string, string>();
  const unknown = (path: string, id: string) =>
    `${path}: names journey "${id}", which is not loaded; add journeys/${id}.json or name one of: ${journeyIds.join(', ')}`;
  for (const [path, binding] of triggerBindings(bindings)) {
    if (typeof binding === 'string') {
      if (!known.has(binding)) problems.push(unknown(path, binding));
      continue;
    }
    const earlier = experiments.get(binding.experiment);
    if (earlier)
      problems.push(
        `${path}.experiment: "${binding.experiment}" is also the experiment at ${earlier}; experiment names are unique across the file (the name seeds the assignment), so rename one`,
      );
    else experiments.set(binding.experiment, path);
    binding.variants.forEach((v, i) => {
      if (!known.has(v.journey)) problems.push(unknown(`${path}.variants.${i}.journey`, v.journey));
    });
  }
  for (const [task, id] of Object.entries(bindings.tasks))
    if (!known.has(id)) problems.push(unknown(`tasks.${task}`, id));
  return problems;
}

/**
 * Reads `journeys/bindings.json` and checks it: its shape (each experiment with at least one
 * variant, names unique within it, positive whole weights), experiment names unique across the
 * file, and every journey it names loaded. A problem stops the start with `file: path: fix` lines.
 */
export function loadBindings(file: string, journeyIds: string[]): Bindings {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  const parsed = bindingsSchema.safeParse(json);
  const problems = parsed.success ? crossChecks(parsed.data, journeyIds) : issueLines(parsed.error.issues);
  if (problems.length || !parsed.success) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  return parsed.data;
}

/** The journey a request runs and, inside an experiment, the variant it was assigned (`<experiment>:<variant>`). */
export interface BoundJourney {
  journeyId: string;
  variant?: string;
}

/**
 * The journey that runs for a trigger and a relying party. An experiment picks a variant by the
 * browser's device id (sticky: the same browser always gets the same one; see `pickVariant`).
 */
export function journeyFor(
  bindings: Bindings,
  trigger: Exclude<Trigger, 'task'>,
  clientId: string,
  deviceId: string | null,
): BoundJourney {
  const binding = bindings.clients[clientId]?.[trigger] ?? bindings.default[trigger];
  if (typeof binding === 'string') return { journeyId: binding };
  const variant = pickVariant(binding, deviceId);
  return { journeyId: variant.journey, variant: variantLabel(binding, variant) };
}
