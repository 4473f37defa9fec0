import { join } from 'node:path';
import express from 'express';
import type Provider from 'oidc-provider';
import pino, { type Logger } from 'pino';
import { ACCOUNT_TASKS, accountRouter } from './account/index.ts';
import { adminRouter } from './admin/index.ts';
import type { Config } from './config/index.ts';
import { demoRouter } from './demo/index.ts';
import { devJourneysRouter, devThemesRouter, previewRouter } from './dev/index.ts';
import { asPorticoError } from './errors/index.ts';
import { createEventLog } from './events/index.ts';
import { FlowEngine } from './flows/flow-engine.ts';
import { interactionRouter } from './flows/interaction-routes.ts';
import { knownAtStart } from './flows/known-at-start.ts';
import { taskGate } from './flows/task-gate.ts';
import { createBrowserIdentity } from './http/browser-id.ts';
import { securityHeaders } from './http/csp.ts';
import { durableResponses } from './http/durable-responses.ts';
import { localeRouter } from './http/locale-choice.ts';
import { JourneyRegistry } from './journeys/index.ts';
import { LiveJourneys } from './journeys/live-journeys.ts';
import { createSecretBox, loadKeyMaterial, loadMasterKey } from './keys/index.ts';
import { createMailer, createTranslator, outboxRouter } from './mail/index.ts';
import { createScreenPages, messagesRouter } from './page/index.ts';
import {
  ACCOUNT_CLIENT_ID,
  accountClient,
  builtInClientSecret,
  createProvider,
  demoClient,
  loadClientsFile,
} from './provider/index.ts';
import { createProviderPages } from './provider/provider-pages.ts';
import { endHoldsOnSignIn, recoveryRouter } from './recovery/index.ts';
import {
  createDeviceCookie,
  createRisk,
  loadRiskRules,
  redisCounters,
  requestClient,
  storeCounters,
} from './risk/index.ts';
import type { StepServices } from './steps/index.ts';
import { openStore, type Store, startSweeper } from './store/index.ts';
import { LiveThemes, mailBrands, messageIdsOf, themeAssetsRouter } from './themes/index.ts';

export interface Portico {
  app: express.Express;
  provider: Provider;
  store: Store;
  logger: Logger;
  /** What steps and actions use (the store, the mailer, the secret box, ...); tests set up accounts through it. */
  services: StepServices;
  /** True when the master key was generated on this start (development only). */
  generatedDevKey: boolean;
  close(): Promise<void>;
}

/** Wires Portico together from its configuration. Nothing here decides anything; each part does. */
export async function createPortico(
  config: Config,
  opts: {
    logger?: Logger;
    /**
     * Reload a changed journey or bindings.json without a restart (never in production).
     * @default true in development, false otherwise (tests ask for it)
     */
    watchJourneys?: boolean;
  } = {},
): Promise<Portico> {
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const secure = config.issuer.startsWith('https:');
  const store = await openStore({ ...config, serving: true });
  try {
    const master = loadMasterKey(config);
    const box = createSecretBox(master.key);
    const keys = await loadKeyMaterial(store.secrets, box);
    const clients = [
      demoClient(config.issuer, keys.appSecret),
      accountClient(config.issuer, keys.appSecret),
      ...(config.clientsFile ? loadClientsFile(config.clientsFile) : []),
    ];

    const registry = new JourneyRegistry(store.journeyVersions, config.now);
    const journeys = await LiveJourneys.load({
      dir: config.journeysDir,
      registry,
      logger,
      now: config.now,
      tasks: ACCOUNT_TASKS,
    });

    const themes = new LiveThemes({
      dir: config.themesDir,
      logger,
      now: config.now,
      messageIds: messageIdsOf(config.localesDir),
    });
    const { translate } = createTranslator(config.localesDir);
    const outboxDir = config.env === 'production' ? undefined : join(config.dataDir, 'outbox');
    const brandName = themes.current().get('default')?.name ?? 'Portico';
    const mailer = createMailer({
      from: config.mailFrom,
      brandName,
      outboxDir,
      smtpUrl: config.smtpUrl,
      translate,
      now: config.now,
      brandFor: mailBrands({
        themes: () => themes.current(),
        brandOfClient: (id) =>
          (clients.find((c) => c.client_id === id) as { brand?: string } | undefined)?.brand,
        issuer: config.issuer,
      }),
    });
    const events = createEventLog(store.events, logger);
    const riskRules = loadRiskRules(config.riskRulesFile);
    const device = createDeviceCookie({ key: keys.appSecret, secure });
    const risk = createRisk({
      rules: riskRules,
      backend: config.redisUrl
        ? await redisCounters(config.redisUrl)
        : storeCounters(store.counters, config.now),
      device,
      key: keys.appSecret,
      store,
      mailer,
      events,
      now: config.now,
    });
    const services: StepServices = {
      store,
      mailer,
      events,
      now: config.now,
      codeHmacKey: keys.appSecret,
      brandName,
      issuer: config.issuer,
      passkeys: { ...config.webauthn, rpName: brandName },
      box,
      risk,
    };
    const engine = new FlowEngine({ registry, services });

    const provider = await createProvider(config.issuer, {
      store,
      keys,
      clients,
      secureCookies: secure,
      now: config.now,
      pages: createProviderPages(translate),
    });
    if (config.env === 'production') provider.proxy = true;
    const pages = await createScreenPages({
      distDir: config.distDir,
      themes: () => themes.current(),
      brandOverride: config.env !== 'production',
    });
    const browser = createBrowserIdentity({ appSecret: keys.appSecret, secure });

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', false);
    // Pages and API answers are per-request and `no-store`: hashing each body for an ETag was wasted
    // (static assets keep theirs).
    app.set('etag', false);
    const formTargets = clients
      .flatMap((c) => [...(c.redirect_uris ?? []), ...(c.post_logout_redirect_uris ?? [])])
      .map((u) => new URL(u).origin);
    app.use(securityHeaders({ formTargets, secure }));
    // After the security headers: a response refused for lost writes keeps them.
    app.use(durableResponses(store));
    // Authorization requests, their resumption and the token endpoint go to the provider at once:
    // no page, account or admin route matches them, and walking those routers cost every sign-in.
    const toProvider = provider.callback();
    const protocolPaths = [provider.pathFor('authorization'), provider.pathFor('token')];
    app.use((req, res, next) => {
      if (protocolPaths.some((p) => req.path === p || req.path.startsWith(`${p}/`))) toProvider(req, res);
      else next();
    });
    // The login page and its flow API: the busiest routes after the provider's, so matched next.
    app.use(
      interactionRouter({
        provider,
        engine,
        // A getter: new flows read the bindings in use now (journeys reload in development).
        get bindings() {
          return journeys.bindings();
        },
        browser,
        events,
        pages,
        logger,
        now: config.now,
        knownAtStart: knownAtStart(services),
        taskGate: taskGate({ provider, store, reauthSeconds: config.accountReauthSeconds, now: config.now }),
        clientOf: requestClient(config.trustedProxies, device),
        afterSignIn: async (req, res, flow, request) => {
          // A sign-in by the owner ends any recovery hold waiting in someone else's browser.
          if (flow.context.trigger !== 'recovery')
            await endHoldsOnSignIn(services, flow.context.accountId!, flow.context.locale, {
              ...request,
              flowId: flow.record.id,
              clientId: flow.context.clientId,
            });
          if (flow.context.trigger !== 'login' && flow.context.trigger !== 'signup') return;
          await risk.signedIn(req, res, {
            accountId: flow.context.accountId!,
            address: flow.context.identifier,
            locale: flow.context.locale,
            request,
          });
        },
      }),
    );
    app.use(messagesRouter(pages.renderer));
    app.use(
      '/assets',
      express.static(join(config.distDir, 'client', 'assets'), {
        immutable: true,
        maxAge: '1y',
        index: false,
      }),
    );
    app.use(themeAssetsRouter(() => themes.current()));
    app.use(
      adminRouter({
        token: config.adminToken,
        events: store.events,
        accounts: store.accounts,
        journeys: registry,
        now: config.now,
      }),
    );
    app.use(localeRouter({ secure }));
    app.get('/healthz', (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/', (_req, res) => {
      res.redirect(302, '/demo');
    });
    app.use(
      demoRouter({
        issuer: config.issuer,
        clientSecret: builtInClientSecret(keys.appSecret, 'portico-demo'),
        cookieKey: keys.appSecret,
        secure,
      }),
    );
    app.use(
      accountRouter({
        issuer: config.issuer,
        clientId: ACCOUNT_CLIENT_ID,
        clientSecret: builtInClientSecret(keys.appSecret, ACCOUNT_CLIENT_ID),
        cookieKey: keys.appSecret,
        secure,
        store,
        pages,
        translate,
        reauthSeconds: config.accountReauthSeconds,
        now: config.now,
      }),
    );
    app.use(recoveryRouter({ services, pages, translate, browser }));
    if (outboxDir) app.use(outboxRouter(outboxDir));
    if (config.env !== 'production') app.use(devJourneysRouter(journeys));
    // The designer's preview and the themes' status: development only (404 in production).
    const preview =
      config.env !== 'production'
        ? previewRouter({
            journeys,
            themes,
            services,
            distDir: config.distDir,
            localesDir: config.localesDir,
            logger,
          })
        : undefined;
    if (preview) app.use(devThemesRouter(themes), preview.router);
    app.use(toProvider);
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const e = asPorticoError(err);
      if (e.status >= 500) logger.error({ err }, 'request failed');
      res.status(e.status).json({ error: { code: e.code, message: e.messageId } });
    });
    const sweeper = startSweeper(store, config.now, logger);
    if (config.env !== 'production' && (opts.watchJourneys ?? config.env === 'development')) {
      journeys.watch();
      themes.watch();
    }
    const close = async () => {
      sweeper.stop();
      await risk.close();
      themes.close();
      preview?.close();
      await journeys.close();
      await store.close();
    };
    return { app, provider, store, logger, services, generatedDevKey: master.generated, close };
  } catch (err) {
    await store.close();
    throw err;
  }
}
