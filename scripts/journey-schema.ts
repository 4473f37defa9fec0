/** Writes `journeys/journey.schema.json` from the same zod schema the engine validates with. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { journeySchema } from '../server/journeys/index.ts';

export const journeySchemaPath = resolve(import.meta.dirname, '..', 'journeys', 'journey.schema.json');

/** The schema file's exact text. */
export function journeySchemaText(): string {
  const schema = {
    title: 'Portico journey',
    ...z.toJSONSchema(journeySchema, { target: 'draft-2020-12', io: 'input' }),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(journeySchemaPath, journeySchemaText());
