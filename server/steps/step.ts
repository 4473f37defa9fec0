import type { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';
import type { RequestInfo } from '../flows/flow-engine.ts';
import type { UiMessage, UiNode } from '../flows/screen.ts';
import type { StepServices } from './services.ts';

/** What a step draws: the card's heading and its nodes (the engine adds flow, journey and messages). */
export interface StepView {
  title: UiMessage;
  subtitle?: UiMessage;
  nodes: UiNode[];
}

/** What a step answers to a submission. */
export interface StepResult {
  /** The journey event to send; none means "stay here" (e.g. a malformed email). */
  event?: { type: string };
  /** Context the step learned (identifier, account, earned methods, ...). */
  patch?: Partial<FlowContext>;
  /** Messages for the next screen. */
  messages?: UiMessage[];
  fields?: Record<string, UiMessage[]>;
  /** Values to put back in the form (never secrets). */
  values?: Record<string, string>;
}

export interface StepRenderInput<P> {
  params: P;
  context: FlowContext;
  client: { id: string; name: string };
  /** The injected clock's reading for this request. */
  now: number;
  /** The flow's revision: a WebAuthn challenge is derived from it (see `flowChallenge`). */
  revision: number;
  /** The events the journey's state handles: a step offers a secondary action only when it is handled. */
  handles: ReadonlySet<string>;
  services: StepServices;
}

export interface StepSubmitInput<P> extends StepRenderInput<P> {
  /** The submitted form fields (strings only, already size-limited). */
  fields: Record<string, string>;
  /** Which button was pressed. */
  intent: string;
  /** Appends an event to the log, stamped with this flow, journey, IP and device. */
  audit: Audit;
  /** Where the submission comes from (client IP, network, device): what rate limits and risk count by. */
  request?: RequestInfo;
}

export type Audit = (
  type: string,
  fields?: { accountId?: string; data?: Record<string, unknown> },
) => Promise<void>;

/**
 * One step type: what it shows, how it checks its input and which journey events it sends.
 * Adding a step is this file's shape plus one screen in `src/` and one path-test fixture.
 */
export interface StepModule<P = unknown> {
  name: string;
  /** One line for the catalogue in `journeys/README.md`. */
  description: string;
  /** The step's params in `meta.params`, with their defaults. */
  params: z.ZodType<P>;
  /** Events this step may send; every state showing this step must handle each one. */
  emits: readonly string[];
  /** Events sent by secondary buttons that a state may choose to handle (e.g. `code.resend`). */
  optionalEvents?: readonly string[];
  render(input: StepRenderInput<P>): StepView | Promise<StepView>;
  submit(input: StepSubmitInput<P>): Promise<StepResult>;
  /**
   * Runs before the flow takes the submission (its revision is not used up): a rate limit that
   * refuses throws `rate_limited` here, so the person can try again from the same page.
   */
  precheck?(input: StepSubmitInput<P>): Promise<void>;
}

/** Keeps a step's params type while storing it in the untyped registry. */
export function defineStep<P>(step: StepModule<P>): StepModule<P> {
  return step;
}
