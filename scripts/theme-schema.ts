/** Writes themes/theme.schema.json from the zod schema in server/themes/theme-schema.ts. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { themeJsonSchema } from '../server/themes/theme-schema.ts';

const target = fileURLToPath(new URL('../themes/theme.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(themeJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
