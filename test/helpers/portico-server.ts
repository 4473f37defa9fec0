import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createPortico, type Portico } from '../../server/app.ts';
import { loadConfig } from '../../server/config/index.ts';

/** The relying party every integration test signs in to (a confidential, first-party client). */
export const TEST_CLIENT = {
  client_id: 'test-rp',
  client_secret: 'test-rp-secret-that-is-long-enough-0123456789',
  client_name: 'Test App',
  redirect_uris: ['http://127.0.0.1:9/cb'],
  post_logout_redirect_uris: ['http://127.0.0.1:9/signed-out'],
  first_party: true,
};

/** A third-party relying party: its users see the consent screen. */
export const THIRD_PARTY_CLIENT = {
  ...TEST_CLIENT,
  client_id: 'third-party-rp',
  client_name: 'Partner App',
  first_party: false,
};

/** A clock tests can move ("24 hours later") instead of sleeping. */
export class TestClock {
  offsetMs = 0;
  readonly now = () => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface RunningPortico {
  url: string;
  dataDir: string;
  clock: TestClock;
  portico: Portico;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Boots a real Portico on a free loopback port, with a fresh data folder unless one is given.
 * The issuer is the real URL, so openid-client can discover it like any relying party.
 */
export async function startPortico(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    clients?: unknown[];
    /**
     * The issuer's host name. Passkeys need a domain (browsers refuse an IP address as the WebAuthn
     * RP ID), so browser tests with passkeys use `localhost`. @default '127.0.0.1'
     */
    issuerHost?: string;
    /** The journeys folder it serves (its `*.json` journeys and `bindings.json`). @default the shipped `journeys/` */
    journeysDir?: string;
    /** Reload a changed journey or bindings.json while it runs, as `npm run dev` does. @default false */
    watchJourneys?: boolean;
    /** The themes and locale folders it serves (the preview's live updates edit copies). @default the shipped ones */
    themesDir?: string;
    localesDir?: string;
  } = {},
): Promise<RunningPortico> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'portico-test-'));
  const clientsFile = join(dataDir, 'clients.json');
  writeFileSync(clientsFile, JSON.stringify(opts.clients ?? [TEST_CLIENT, THIRD_PARTY_CLIENT]));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.issuerHost ?? '127.0.0.1'}:${port}`;
  const clock = new TestClock();
  let portico: Portico;
  try {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        ISSUER: url,
        CLIENTS_FILE: clientsFile,
        LOG_LEVEL: 'silent',
        ...opts.env,
      },
      {
        port,
        now: clock.now,
        ...(opts.journeysDir ? { journeysDir: opts.journeysDir } : {}),
        ...(opts.themesDir ? { themesDir: opts.themesDir } : {}),
        ...(opts.localesDir ? { localesDir: opts.localesDir } : {}),
      },
    );
    portico = await createPortico(config, {
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      watchJourneys: opts.watchJourneys ?? false,
    });
  } catch (err) {
    // A start that fails (a bad CLIENTS_FILE, a broken journey) must not leave the port open.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  server.on('request', portico.app);
  return {
    url,
    dataDir,
    clock,
    portico,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await portico.close();
    },
  };
}
