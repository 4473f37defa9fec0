/** Reads Vite's client manifest to find the hashed entry script, its CSS and its imports. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

/** URLs (from the site root) of what the page loads; the server serves dist/client at `/`. */
export interface ClientAssets {
  /** The module script to run. */
  entry: string;
  /** Stylesheets, in order. */
  styles: string[];
  /** Chunks the entry imports, for `<link rel="modulepreload">` or a `Link` header. */
  preload: string[];
}

/** The entry the client build starts from (see vite.config.ts). */
export const CLIENT_ENTRY = 'src/entry-client.tsx';

/** The designer's preview (`/preview`, development only), a second entry of the client build. */
export const PREVIEW_ENTRY = 'src/preview/entry-preview.tsx';

/** Lists the assets of a client entry (the login page's by default) from `<distDir>/client/.vite/manifest.json`. */
export function readClientAssets(distDir: string, entryName: string = CLIENT_ENTRY): ClientAssets {
  const file = join(distDir, 'client', '.vite', 'manifest.json');
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  } catch (err) {
    throw new Error(`Cannot read ${file} (${(err as Error).message}); run \`npm run build\`.`);
  }
  const entry = manifest[entryName];
  if (!entry) throw new Error(`${file} has no entry for ${entryName}; run \`npm run build\` again.`);

  const styles = new Set<string>();
  const preload = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string, chunk: ManifestChunk) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const css of chunk.css ?? []) styles.add(`/${css}`);
    for (const dep of chunk.imports ?? []) {
      const imported = manifest[dep];
      if (!imported) continue;
      preload.add(`/${imported.file}`);
      visit(dep, imported);
    }
  };
  visit(entryName, entry);
  return { entry: `/${entry.file}`, styles: [...styles], preload: [...preload] };
}
