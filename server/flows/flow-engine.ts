import { randomBytes } from 'node:crypto';
import { createActor, type Snapshot } from 'xstate';
import { actions } from '../actions/index.ts';
import { PorticoError } from '../errors/index.ts';
import type { JourneyRegistry, LoadedJourney } from '../journeys/index.ts';
import type { JourneyState } from '../journeys/journey-schema.ts';
import type { StepModule, StepServices } from '../steps/index.ts';
import { steps } from '../steps/index.ts';
import type { Audit } from '../steps/step.ts';
import type { FlowRecord } from '../store/index.ts';
import { emptyFlash, type FlowContext, type Trigger } from './flow-context.ts';

/** What a finished flow means (`meta.outcome` of its final state). */
export type JourneyOutcome = NonNullable<NonNullable<JourneyState['meta']>['outcome']>;

/** A flow as loaded for one request: its record, its journey version and where it stands. */
export interface ActiveFlow {
  record: FlowRecord;
  journey: LoadedJourney;
  state: string;
  context: FlowContext;
  snapshot: PersistedSnapshot;
}

type PersistedSnapshot = Snapshot<unknown> & { value: string; context: FlowContext; status: string };

/** Where the person is when the request comes in (stamped on every event). */
export interface RequestInfo {
  ip: string | null;
  deviceId: string | null;
  /** The client's network (a /24 or /48), for signals that look past one address. */
  prefix?: string | null;
  /** A trusted proxy handed over a forwarding header that is not an address (see `risk/client-ip.ts`). */
  forwardingMalformed?: boolean;
  /** The addresses this browser's signed device cookie vouches for, as tags (see `risk/device.ts`). */
  vouched?: string[];
}

export interface StartOptions {
  interactionUid: string;
  clientId: string;
  trigger: Trigger;
  locale: string;
  journeyId: string;
  requestedScopes?: string[];
  /** What the flow knows from the start: a step-up's account and methods, the ACR asked for, a task. */
  known?: Partial<FlowContext>;
  /** The experiment variant the binding picked for this browser, stamped on the flow and its events. */
  variant?: string;
}

export interface FlowEngineOptions {
  registry: JourneyRegistry;
  services: StepServices;
  /** How long a flow lives. @default one hour (oidc-provider's interaction TTL) */
  ttlMs?: number;
}

const FLOW_TTL_MS = 60 * 60 * 1000;

/** A stored snapshot, or undefined when it is not even JSON. */
function parseSnapshot(text: string): PersistedSnapshot | undefined {
  try {
    return JSON.parse(text) as PersistedSnapshot;
  } catch {
    return undefined;
  }
}

/**
 * The journey interpreter. It keeps no state between requests: restore the snapshot, let the step
 * turn input into one event, transition, run the queued effects, persist, stop. Any process can
 * continue any flow, and a restart loses nothing.
 */
export class FlowEngine {
  private readonly registry: JourneyRegistry;
  private readonly services: StepServices;
  private readonly ttlMs: number;

  constructor(opts: FlowEngineOptions) {
    this.registry = opts.registry;
    this.services = opts.services;
    this.ttlMs = opts.ttlMs ?? FLOW_TTL_MS;
  }

  /** Starts a flow on the newest version of a journey. */
  async start(opts: StartOptions, request: RequestInfo): Promise<ActiveFlow> {
    const journey = this.registry.latest(opts.journeyId);
    if (!journey) throw new PorticoError('internal', `journey "${opts.journeyId}" is not loaded`);
    const now = this.services.now();
    const id = randomBytes(16).toString('base64url');
    const input: FlowContext = {
      flowId: id,
      interactionUid: opts.interactionUid,
      clientId: opts.clientId,
      trigger: opts.trigger,
      locale: opts.locale,
      methods: [],
      failures: 0,
      effects: [],
      flash: emptyFlash(),
      factorsUsed: [],
      ...(request.deviceId ? { deviceId: request.deviceId } : {}),
      ...(opts.requestedScopes ? { requestedScopes: opts.requestedScopes } : {}),
      ...opts.known,
    };
    const actor = createActor(journey.machine, { input });
    actor.start();
    const started = actor.getPersistedSnapshot() as PersistedSnapshot;
    actor.stop();
    const record: FlowRecord = {
      id,
      interactionUid: opts.interactionUid,
      journeyId: journey.id,
      journeyVersion: journey.version,
      snapshot: '',
      revision: 0,
      status: 'active',
      createdAt: now,
      expiresAt: now + this.ttlMs,
      variant: opts.variant ?? null,
    };
    const audit = this.auditFor(record, input, request);
    const snapshot = await this.runEffects(started, audit);
    record.snapshot = JSON.stringify(snapshot);
    await this.services.store.flows.create(record);
    await audit('flow.started', {
      data: { trigger: opts.trigger, state: snapshot.value, journeyLabel: journey.label },
    });
    return this.activate(record, journey, snapshot);
  }

  /**
   * The active flow of an interaction, or null. An expired flow fails closed (`flow.expired`). A flow
   * whose journey version is gone or whose snapshot no longer fits it is closed with a `flow.broken`
   * event and answers null, so the caller starts a fresh flow instead of showing a broken page.
   */
  async forInteraction(uid: string, request?: RequestInfo): Promise<ActiveFlow | null> {
    const record = await this.services.store.flows.findByInteraction(uid);
    if (!record) return null;
    if (record.expiresAt <= this.services.now()) throw new PorticoError('flow.expired');
    const journey = await this.registry.version(record.journeyId, record.journeyVersion);
    const snapshot = parseSnapshot(record.snapshot);
    if (!journey) {
      await this.closeBroken(record, 'version_gone', snapshot, request);
      return null;
    }
    if (!snapshot?.context || !journey.definition.states[snapshot.value]) {
      await this.closeBroken(record, 'snapshot_unfit', snapshot, request);
      return null;
    }
    return this.activate(record, journey, snapshot);
  }

  /** Ends a flow that can no longer run, and says so in the event log. */
  private async closeBroken(
    record: FlowRecord,
    reason: string,
    snapshot: Partial<PersistedSnapshot> | undefined,
    request: RequestInfo = { ip: null, deviceId: null },
  ) {
    const closed = { snapshot: record.snapshot, revision: record.revision + 1, status: 'finished' as const };
    await this.services.store.flows.update(record.id, record.revision, closed);
    // What the snapshot still says about the flow (its app, its account), where it says anything.
    const context = { ...snapshot?.context } as FlowContext;
    const state = typeof snapshot?.value === 'string' ? snapshot.value : null;
    await this.auditFor(record, context, request)('flow.broken', { data: { reason, state } });
  }

  private activate(record: FlowRecord, journey: LoadedJourney, snapshot: PersistedSnapshot): ActiveFlow {
    return { record, journey, state: snapshot.value, context: snapshot.context, snapshot };
  }

  /** The step module and params of the state the flow is in, and the events that state handles. */
  stepOf(flow: ActiveFlow): {
    step: StepModule;
    params: unknown;
    state: JourneyState;
    handles: ReadonlySet<string>;
  } {
    const state = flow.journey.definition.states[flow.state]!;
    const step = steps.get(state.meta?.step ?? '');
    if (!step) throw new PorticoError('flow.broken', `state "${flow.state}" shows no step`);
    const handles = new Set(Object.keys(state.on ?? {}));
    return { step, params: step.params.parse(state.meta?.params ?? {}), state, handles };
  }

  /** What the current step draws. */
  render(flow: ActiveFlow, client: { id: string; name: string }) {
    const { step, input } = this.stepInput(flow, client);
    return step.render(input);
  }

  /** The current step and what it is given to render or to take a submission. */
  private stepInput(flow: ActiveFlow, client: { id: string; name: string }) {
    const { step, params, handles } = this.stepOf(flow);
    const input = {
      params,
      context: flow.context,
      client,
      now: this.services.now(),
      revision: flow.record.revision,
      handles,
      services: this.services,
    };
    return { step, input };
  }

  /** The outcome declared by the final state the flow reached, if it is final. */
  outcomeOf(flow: ActiveFlow): JourneyOutcome | undefined {
    const state = flow.journey.definition.states[flow.state];
    return state?.type === 'final' ? state.meta?.outcome : undefined;
  }

  /**
   * Hands one submission to the current step, sends the event it answers with, runs the effects
   * the journey queued and persists the result. A submission made on an older revision (a replay,
   * a second tab) changes nothing.
   */
  async submit(
    flow: ActiveFlow,
    input: { fields: Record<string, string>; intent: string; revision: number },
    client: { id: string; name: string },
    request: RequestInfo,
  ): Promise<ActiveFlow> {
    if (flow.record.status !== 'active' || this.outcomeOf(flow)) throw new PorticoError('flow.finished');
    if (input.revision !== flow.record.revision) throw new PorticoError('flow.stale');
    // Claim the revision (on the unchanged snapshot) before the step does anything: of two identical
    // posts racing (a double click), the loser uses no recovery code, mails nothing and logs nothing;
    // if the step or an effect fails, the flow stays where it was.
    const { step, input: given } = this.stepInput(flow, client);
    const submitted = {
      ...given,
      fields: input.fields,
      intent: input.intent,
      audit: this.auditFor(flow.record, flow.context, request),
      request,
    };
    // A rate limit refuses before the revision is used up: the same page can try again.
    await step.precheck?.(submitted);
    const revision = flow.record.revision + 1;
    const claim = { snapshot: flow.record.snapshot, revision, status: flow.record.status };
    if (!(await this.services.store.flows.update(flow.record.id, flow.record.revision, claim)))
      throw new PorticoError('flow.stale');
    const result = await step.submit(submitted);
    const context: FlowContext = {
      ...flow.context,
      ...result.patch,
      flash: { messages: result.messages ?? [], fields: result.fields ?? {}, values: result.values ?? {} },
    };
    let next: PersistedSnapshot = { ...flow.snapshot, context };
    if (result.event) {
      const actor = createActor(flow.journey.machine, { snapshot: next, input: context });
      actor.start();
      actor.send(result.event);
      next = actor.getPersistedSnapshot() as PersistedSnapshot;
      actor.stop();
      if (next.value !== flow.state)
        // Stamped with what the step just learned (e.g. the account a password proved).
        await this.auditFor(
          flow.record,
          context,
          request,
        )('flow.transition', {
          data: { from: flow.state, to: next.value, event: result.event.type },
        });
    }
    next = await this.runEffects(next, this.auditFor(flow.record, next.context, request));
    const finished = flow.journey.definition.states[next.value]?.type === 'final';
    const written = {
      snapshot: JSON.stringify(next),
      revision,
      status: finished ? ('finished' as const) : ('active' as const),
    };
    if (!(await this.services.store.flows.update(flow.record.id, revision, written)))
      throw new PorticoError('flow.stale');
    return this.activate({ ...flow.record, ...written }, flow.journey, next);
  }

  /** Runs the effects the journey's actions queued, in order, merging the context each returns. */
  private async runEffects(snapshot: PersistedSnapshot, audit: Audit): Promise<PersistedSnapshot> {
    let context = snapshot.context;
    for (const effect of context.effects) {
      const action = actions.get(effect.type);
      if (!action) throw new PorticoError('flow.broken', `unknown action "${effect.type}"`);
      const patch = await action.run({
        params: action.params.parse(effect.params),
        context,
        services: this.services,
        audit,
      });
      context = { ...context, ...patch };
    }
    return { ...snapshot, context: { ...context, effects: [] } };
  }

  private auditFor(record: FlowRecord, context: FlowContext, request: RequestInfo): Audit {
    return async (type, fields = {}) => {
      await this.services.events.record({
        type,
        at: this.services.now(),
        flowId: record.id,
        journeyId: record.journeyId,
        journeyVersion: record.journeyVersion,
        accountId: fields.accountId ?? context.accountId ?? null,
        ip: request.ip,
        deviceId: request.deviceId,
        clientId: context.clientId,
        variant: record.variant ?? null,
        ...(fields.data ? { data: fields.data } : {}),
      });
    };
  }
}
