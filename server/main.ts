import type { AddressInfo } from 'node:net';
import { createPortico } from './app.ts';
import { loadConfig } from './config/index.ts';
import { lowerHashPriority } from './passwords/index.ts';

/** Starts Portico from the environment and prints the URLs that matter. */
async function main(): Promise<void> {
  const config = loadConfig();
  const portico = await createPortico(config);
  // The event loop gets the CPU before the threads that hash passwords (see passwords/hash-priority.ts).
  await lowerHashPriority(config.hashThreadNice);
  const server = portico.app.listen(config.port, config.host, (err?: Error) => {
    if (err) {
      const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
      process.stderr.write(
        `Portico could not start:\n${busy ? `port ${config.port} is already in use; set PORT to another one` : err.message}\n`,
      );
      void portico.close().then(() => process.exit(1));
      return;
    }
    const { port } = server.address() as AddressInfo;
    const base = config.issuer;
    const lines = [
      `Portico is running on port ${port} (${config.env})`,
      `  Demo app:     ${base}/demo`,
      `  Account page: ${base}/account`,
      `  Discovery:    ${base}/.well-known/openid-configuration`,
      `  JWKS:         ${base}/jwks`,
      ...(config.env === 'production' ? [] : [`  Mail outbox:  ${base}/dev/outbox`]),
      `  Data:         ${config.dataDir}`,
    ];
    if (portico.generatedDevKey)
      lines.push(
        '  A development secret key was generated in DATA_DIR; set PORTICO_SECRET_KEY in production.',
      );
    process.stdout.write(`${lines.join('\n')}\n`);
  });
  const stop = () => {
    server.close(() => void portico.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Portico could not start:\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
