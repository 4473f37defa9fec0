import express, { type Request, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { asPorticoError, PorticoError } from '../errors/index.ts';
import type { EventLog } from '../events/index.ts';
import type { BrowserIdentity } from '../http/browser-id.ts';
import { requestLocale } from '../http/locale-choice.ts';
import { type Bindings, type BoundJourney, journeyFor } from '../journeys/index.ts';
import type { ScreenPages } from '../page/index.ts';
import { acrRequestOf, requiredAcr } from '../provider/index.ts';
import { buildScreen, errorScreen } from './build-screen.ts';
import { interactionResultFor, saveResult, unmet } from './finish-interaction.ts';
import type { FlowContext, Trigger } from './flow-context.ts';
import type { ActiveFlow, FlowEngine, RequestInfo } from './flow-engine.ts';
import { parseSubmission } from './submission.ts';

export interface InteractionDeps {
  provider: Provider;
  engine: FlowEngine;
  /** Read `deps.bindings` on every new flow, never once: app.ts passes a getter (bindings reload in development). */
  bindings: Bindings;
  browser: BrowserIdentity;
  events: EventLog;
  pages: ScreenPages;
  logger: Logger;
  now: () => number;
  /** What a new flow knows from its interaction (see `flows/known-at-start.ts`). */
  knownAtStart: (details: Interaction, trigger: Trigger) => Promise<Partial<FlowContext>>;
  /** Why an account-page task may not run on this session (see `flows/task-gate.ts`). */
  taskGate: (details: Interaction) => Promise<string | undefined>;
  /** Where the request comes from, as attack protection sees it (client IP, network, device cookie: `risk/`). */
  clientOf: (req: Request) => Omit<RequestInfo, 'deviceId'>;
  /** Runs as a sign-in finishes, with the response (the device cookie, the new-sign-in notice: `risk/`; a recovery hold ends: `recovery/`). */
  afterSignIn: (req: Request, res: Response, flow: ActiveFlow, request: RequestInfo) => Promise<void>;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The journey bound to a task name; own keys only (`constructor` is no task). */
const boundTask = (tasks: Record<string, string>, name: string): string =>
  Object.hasOwn(tasks, name) ? (tasks[name] ?? '') : '';

const TRIGGER_FOR_PROMPT: Record<string, Trigger> = {
  create: 'signup',
  login: 'login',
  consent: 'consent',
  task: 'task',
};

/** Flows that may switch to the sign-in or sign-up journey ("Create one", "Back to sign in"). */
const SWITCHABLE = new Set<Trigger>(['login', 'signup', 'recovery']);

/**
 * What a journey hands to the next one: the email typed, and after a finished recovery, a word that
 * the new password (or passkey) is ready to use.
 */
function carriedFrom(flow: ActiveFlow): Partial<FlowContext> {
  const { identifier, recovery } = flow.context;
  return {
    ...(identifier ? { identifier } : {}),
    ...(recovery?.completed
      ? { flash: { messages: [{ id: 'info.recovery.done', type: 'success' }], fields: {}, values: {} } }
      : {}),
  };
}

/**
 * The flow as drawn for a code's link (`?code=123456` from a recovery mail): the code field is filled
 * in, and the person confirms. Only the email-code step takes it; nothing is stored.
 */
function withLinkedCode(flow: ActiveFlow, code: unknown): ActiveFlow {
  if (typeof code !== 'string' || !/^[0-9]{6}$/.test(code) || flow.context.code?.purpose !== 'recovery')
    return flow;
  const flash = { ...flow.context.flash, values: { ...flow.context.flash.values, code } };
  return { ...flow, context: { ...flow.context, flash } };
}

/** Login-prompt reasons that only ask more of the person already signed in: a step-up, not a new sign-in. */
const STEP_UP_REASONS = new Set(['max_age', 'acr']);

/**
 * The login page's routes. `GET /interaction/:uid` draws the current step (server-rendered);
 * `POST /interaction/:uid` takes a plain form (post, redirect, get); `/interaction/:uid/api` is the
 * same flow as JSON for the hydrated page. All go through the same engine and validation.
 */
export function interactionRouter(deps: InteractionDeps): Router {
  const { provider, engine, browser } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 32 });
  const json = express.json({ limit: '16kb', strict: true });

  /** Everything a request about one interaction needs; fails closed when the interaction is gone. */
  async function open(req: Request, res: Response) {
    const details = await provider.interactionDetails(req, res).catch(() => {
      throw new PorticoError('flow.expired', 'the interaction is gone or belongs to another browser');
    });
    if (details.uid !== req.params.uid) throw new PorticoError('flow.not_found');
    const clientId = String(details.params.client_id);
    const client = await provider.Client.find(clientId);
    if (!client) throw new PorticoError('flow.not_found');
    const meta = client as unknown as { clientName?: string; brand?: string; redirectUris?: string[] };
    const locale = requestLocale(req, {
      uiLocales: details.params.ui_locales as string | undefined,
      interaction: details.uid,
    });
    const secret = req.method === 'GET' ? browser.ensure(req, res) : browser.read(req);
    const request: RequestInfo = {
      ...deps.clientOf(req),
      deviceId: secret ? browser.deviceId(secret) : null,
    };
    const view = {
      client: { id: clientId, name: meta.clientName ?? clientId },
      locale,
      brand: meta.brand ?? 'default',
    };
    return { details, secret, request, view };
  }

  type Context = Awaited<ReturnType<typeof open>>;

  async function start(
    ctx: Context,
    trigger: Trigger,
    carried: Partial<FlowContext> = {},
  ): Promise<ActiveFlow> {
    const { params } = ctx.details;
    const scopes = String(params.scope ?? 'openid').split(' ');
    if (trigger === 'task') {
      const refusal = await deps.taskGate(ctx.details);
      if (refusal) {
        await deps.events.record({
          type: 'task.refused',
          at: deps.now(),
          accountId: ctx.details.session?.accountId ?? null,
          clientId: ctx.view.client.id,
          ...ctx.request,
          data: { task: String(params.portico_task ?? ''), reason: refusal },
        });
        throw new PorticoError('request.invalid', `account task refused: ${refusal}`);
      }
    }
    const sessionUid = ctx.details.session?.uid;
    const known = {
      ...(await deps.knownAtStart(ctx.details, trigger)),
      // A recovery ends every session of the account but this browser's.
      ...(trigger === 'recovery' && sessionUid ? { sessionUid } : {}),
      ...carried,
    };
    // An experiment's binding picks the variant by this browser's device id (sticky per device).
    const { journeyId, variant }: BoundJourney =
      trigger === 'task'
        ? { journeyId: boundTask(deps.bindings.tasks, String(params.portico_task)) }
        : journeyFor(deps.bindings, trigger, ctx.view.client.id, ctx.request.deviceId);
    if (!journeyId) throw new PorticoError('request.invalid', 'unknown account task');
    return engine.start(
      {
        interactionUid: ctx.details.uid,
        clientId: ctx.view.client.id,
        trigger,
        locale: ctx.view.locale,
        journeyId,
        requestedScopes: scopes,
        known,
        variant,
      },
      ctx.request,
    );
  }

  /** Why oidc-provider asks: a new sign-in, a sign-up, a step-up of the session, consent, an account task. */
  function triggerOf(details: Context['details']): Trigger {
    // `portico_start=recovery` (an app's or /recover's "Forgot password?" link) asks for the recovery journey.
    if (details.params.portico_start === 'recovery' && details.prompt.name === 'login') return 'recovery';
    const trigger = TRIGGER_FOR_PROMPT[details.prompt.name] ?? 'login';
    if (trigger !== 'login' || !details.session?.accountId) return trigger;
    return details.prompt.reasons.every((r) => STEP_UP_REASONS.has(r)) ? 'stepup' : 'login';
  }

  async function current(ctx: Context): Promise<ActiveFlow> {
    const existing = await engine.forInteraction(ctx.details.uid, ctx.request);
    if (existing) return existing;
    return start(ctx, triggerOf(ctx.details));
  }

  /**
   * A flow that ended by handing the sign-in to another journey ("Forgot password?" to recovery, a
   * finished recovery back to sign-in) starts that journey on the same interaction, keeping the email.
   */
  async function handOver(ctx: Context, flow: ActiveFlow): Promise<ActiveFlow | undefined> {
    const outcome = engine.outcomeOf(flow);
    if (outcome !== 'recover' && outcome !== 'signin') return undefined;
    return start(ctx, outcome === 'recover' ? 'recovery' : 'login', carriedFrom(flow));
  }

  /** Hands a finished flow's outcome to oidc-provider; answers where the browser goes next (back to the app). */
  async function finish(req: Request, res: Response, ctx: Context, flow: ActiveFlow): Promise<string> {
    if (engine.outcomeOf(flow) === 'authenticated' && flow.context.accountId)
      await deps.afterSignIn(req, res, flow, ctx.request);
    const result = await interactionResultFor(
      provider,
      engine,
      deps.events,
      flow,
      ctx.details,
      ctx.request,
      deps.now(),
    );
    return saveResult(ctx.details, result);
  }

  const screenOf = (ctx: Context, flow: ActiveFlow, notice?: string) =>
    buildScreen(engine, flow, {
      client: ctx.view.client,
      csrf: ctx.secret ? browser.csrfToken(ctx.secret, flow.record.id) : '',
      ...(notice ? { messages: [{ id: notice, type: 'info' as const }] } : {}),
    });

  /** Takes one submission; answers where the browser goes next (a URL) or the flow to show. */
  async function handle(
    req: Request,
    res: Response,
    body: unknown,
    headerToken: string | undefined,
  ): Promise<{ ctx: Context; redirect: string } | { ctx: Context; flow: ActiveFlow; stale: boolean }> {
    const ctx = await open(req, res);
    // Already answered (a reload or a double click on the last step): carry on to the app.
    if (ctx.details.result) return { ctx, redirect: ctx.details.returnTo };
    const flow = await engine.forInteraction(ctx.details.uid, ctx.request);
    // No flow to post to (its journey version went, or its snapshot no longer fits, and it was closed):
    // the person starts again on a fresh flow, told the page was out of date, never on a broken page.
    if (!flow) return { ctx, flow: await current(ctx), stale: true };
    const submission = parseSubmission(body);
    if (!browser.csrfValid(ctx.secret, flow.record.id, headerToken ?? submission.csrf))
      throw new PorticoError('csrf.invalid');
    if (submission.revision !== flow.record.revision) return { ctx, flow, stale: true };
    const switchTo = submission.intent.match(/^switch:(login|signup)$/)?.[1] as Trigger | undefined;
    if (switchTo && SWITCHABLE.has(flow.context.trigger)) {
      return { ctx, flow: await start(ctx, switchTo, carriedFrom(flow)), stale: false };
    }
    // The flow speaks the page's language: mail sent after the person picks another one is in it.
    const speaking = { ...flow, context: { ...flow.context, locale: ctx.view.locale } };
    const next = await engine
      .submit(speaking, submission, ctx.view.client, ctx.request)
      .catch((err: unknown) => {
        if (err instanceof PorticoError && err.code === 'flow.stale') return null;
        throw err;
      });
    if (!next) {
      // Lost a race with the same post (a double click): answer like any replay, with where the flow is now.
      const now = await engine.forInteraction(ctx.details.uid);
      if (now) return { ctx, flow: now, stale: true };
      const answered = await provider.interactionDetails(req, res);
      if (answered.result) return { ctx, redirect: answered.returnTo };
      throw new PorticoError('flow.stale');
    }
    if (!engine.outcomeOf(next)) return { ctx, flow: next, stale: false };
    const handedTo = await handOver(ctx, next);
    if (handedTo) return { ctx, flow: handedTo, stale: false };
    // The flow is finished: hand its outcome to oidc-provider, which sends the browser back to the app.
    return { ctx, redirect: await finish(req, res, ctx, next) };
  }

  /** The flow to show for a GET, or where to send the browser when it is already decided. */
  async function show(
    req: Request,
    res: Response,
    ctx: Context,
  ): Promise<{ flow: ActiveFlow } | { redirect: string }> {
    if (ctx.details.result) return { redirect: ctx.details.returnTo };
    // An essential ACR Portico does not offer fails at once: no journey could meet it.
    if (requiredAcr(acrRequestOf(ctx.details.params)) === 'unmet')
      return {
        redirect: await saveResult(ctx.details, unmet),
      };
    const flow = await current(ctx);
    const handedTo = await handOver(ctx, flow);
    if (handedTo) return { flow: handedTo };
    // A flow that ends where it starts (a step-up the account cannot meet) ends before any screen.
    if (engine.outcomeOf(flow)) return { redirect: await finish(req, res, ctx, flow) };
    return { flow };
  }

  const sendError = (req: Request, res: Response, err: unknown) => {
    const e = asPorticoError(err);
    if (e.code === 'server.busy') res.setHeader('Retry-After', '2');
    else if (e.code === 'rate_limited') res.setHeader('Retry-After', String(e.retryAfterSeconds ?? 60));
    else if (e.status >= 500) deps.logger.error({ err, path: req.path }, 'interaction failed');
    const wantsJson = req.path.endsWith('/api');
    if (wantsJson) {
      res.status(e.status).json({ error: { code: e.code, message: e.messageId } });
      return;
    }
    const locale = requestLocale(req);
    const screen = errorScreen(e.messageId, { id: '', name: '' });
    // "Try again in N seconds": the page says when, as the hydrated page does from Retry-After.
    const first = screen.nodes[0];
    if (e.retryAfterSeconds && first?.type === 'text')
      first.attributes.text = { ...first.attributes.text, values: { seconds: e.retryAfterSeconds } };
    deps.pages.send(res, screen, {
      locale,
      brand: 'default',
      status: e.status,
    });
  };

  router.get('/interaction/:uid', async (req, res) => {
    try {
      const ctx = await open(req, res);
      const shown = await show(req, res, ctx);
      if ('redirect' in shown) return res.redirect(303, shown.redirect);
      const notice = req.query.notice === 'stale' ? 'info.flow.stale' : undefined;
      deps.pages.send(res, await screenOf(ctx, withLinkedCode(shown.flow, req.query.code), notice), {
        locale: ctx.view.locale,
        brand: ctx.view.brand,
      });
    } catch (err) {
      sendError(req, res, err);
    }
  });

  router.post('/interaction/:uid', form, async (req, res) => {
    try {
      if (!req.is('application/x-www-form-urlencoded'))
        throw new PorticoError('request.unsupported_media_type');
      const out = await handle(req, res, req.body, undefined);
      const self = `/interaction/${encodeURIComponent(out.ctx.details.uid)}`;
      res.redirect(303, 'redirect' in out ? out.redirect : out.stale ? `${self}?notice=stale` : self);
    } catch (err) {
      sendError(req, res, err);
    }
  });

  router.get('/interaction/:uid/api', async (req, res) => {
    try {
      const ctx = await open(req, res);
      const shown = await show(req, res, ctx);
      if ('redirect' in shown) res.json({ redirect: shown.redirect });
      else res.json({ screen: await screenOf(ctx, shown.flow) });
    } catch (err) {
      sendError(req, res, err);
    }
  });

  router.post('/interaction/:uid/api', json, async (req, res) => {
    try {
      if (!req.is('application/json')) throw new PorticoError('request.unsupported_media_type');
      const out = await handle(req, res, req.body, req.get('x-csrf-token'));
      if ('redirect' in out) res.json({ redirect: out.redirect });
      else
        res
          .status(out.stale ? 409 : 200)
          .json({ screen: await screenOf(out.ctx, out.flow, out.stale ? 'info.flow.stale' : undefined) });
    } catch (err) {
      sendError(req, res, err);
    }
  });

  router.use('/interaction', (err: unknown, req: Request, res: Response, _next: express.NextFunction) =>
    sendError(req, res, err),
  );
  return router;
}
