import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Trigger } from '../flows/flow-context.ts';

const triggerMap = z
  .object({ login: z.string(), signup: z.string(), consent: z.string(), stepup: z.string() })
  .strict();

const bindingsSchema = z
  .object({
    $schema: z.string().optional(),
    /** The journey each trigger runs by default. */
    default: triggerMap,
    /** Per relying party, journeys that replace the defaults. */
    clients: z.record(z.string(), triggerMap.partial()).default({}),
    /** The journey each account-page task runs (`add-passkey`, `setup-totp`, ...). */
    tasks: z.record(z.string().regex(/^[a-z][a-z-]*$/), z.string()).default({}),
  })
  .strict();

export type Bindings = z.infer<typeof bindingsSchema>;

/** Reads `journeys/bindings.json` and checks that every journey it names is loaded. */
export function loadBindings(file: string, journeyIds: string[]): Bindings {
  const parsed = bindingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const known = new Set(journeyIds);
  const named = [
    ...Object.entries(parsed.data.default),
    ...Object.values(parsed.data.clients).flatMap((m) => Object.entries(m)),
    ...Object.entries(parsed.data.tasks),
  ];
  for (const [trigger, id] of named) {
    if (!known.has(id))
      throw new Error(
        `${file}: ${trigger} names journey "${id}", which is not loaded; journeys: ${journeyIds.join(', ')}`,
      );
  }
  return parsed.data;
}

/** The journey that runs for a trigger and a relying party. */
export function journeyFor(bindings: Bindings, trigger: Exclude<Trigger, 'task'>, clientId: string): string {
  return bindings.clients[clientId]?.[trigger] ?? bindings.default[trigger];
}
