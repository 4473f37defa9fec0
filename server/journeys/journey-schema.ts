import { z } from 'zod';

/** A guard or action reference: a name, or `{ type, params }` (XState v5 parameterised form). */
const namedRef = z.union([
  z.string().min(1),
  z.object({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() }).strict(),
]);

const transitionObject = z
  .object({
    target: z.string().min(1).optional(),
    guard: namedRef.optional(),
    actions: z.union([namedRef, z.array(namedRef)]).optional(),
    reenter: z.boolean().optional(),
    description: z.string().optional(),
  })
  .strict();

const transitions = z.union([
  z.string().min(1),
  transitionObject,
  z.array(z.union([z.string().min(1), transitionObject])),
]);

const stateSchema = z
  .object({
    description: z.string().optional(),
    type: z.literal('final').optional(),
    meta: z
      .object({
        /** The step type that draws this state (non-final states). */
        step: z.string().optional(),
        /** The step's params; see the catalogue in journeys/README.md. */
        params: z.record(z.string(), z.unknown()).optional(),
        /**
         * What a final state means for the sign-in: `unmet` ends it with the OIDC error
         * `unmet_authentication_requirements` (the relying party asked for more than the account can prove);
         * `recover` hands the sign-in to the recovery journey ("Forgot password?"), and `signin` hands it
         * back to the sign-in journey, both keeping the email typed.
         */
        outcome: z.enum(['authenticated', 'consented', 'denied', 'unmet', 'recover', 'signin']).optional(),
      })
      .strict()
      .optional(),
    entry: z.union([namedRef, z.array(namedRef)]).optional(),
    exit: z.union([namedRef, z.array(namedRef)]).optional(),
    on: z.record(z.string(), transitions).optional(),
    always: transitions.optional(),
  })
  .strict();

/**
 * A journey file: an XState v5 machine config with flat states, and nothing else (no code).
 * `version` is the human version; the engine adds a content hash.
 */
export const journeySchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    version: z.string().min(1),
    description: z.string().optional(),
    initial: z.string().min(1),
    states: z.record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'state names are camelCase words'),
      stateSchema,
    ),
  })
  .strict();

export type JourneyDefinition = z.infer<typeof journeySchema>;
export type JourneyState = z.infer<typeof stateSchema>;
export type NamedRef = z.infer<typeof namedRef>;
export type TransitionConfig = z.infer<typeof transitionObject> | string;

/** Every transition of a state as objects (string shorthand expanded), with the event that fires it. */
export function transitionsOf(
  state: JourneyState,
): { event: string; transition: z.infer<typeof transitionObject> }[] {
  const list: { event: string; transition: z.infer<typeof transitionObject> }[] = [];
  const add = (event: string, t: z.infer<typeof transitions>) => {
    for (const one of Array.isArray(t) ? t : [t])
      list.push({ event, transition: typeof one === 'string' ? { target: one } : one });
  };
  for (const [event, t] of Object.entries(state.on ?? {})) add(event, t);
  if (state.always) add('(always)', state.always);
  return list;
}

export const refName = (ref: NamedRef): string => (typeof ref === 'string' ? ref : ref.type);
export const refParams = (ref: NamedRef): Record<string, unknown> =>
  typeof ref === 'string' ? {} : (ref.params ?? {});
export const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
