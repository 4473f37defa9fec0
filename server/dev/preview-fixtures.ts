/**
 * The preview's screens, generated from the shipped journeys and the real step modules: every state
 * that shows a step gives a screen as the step renders it for a sample person, the same screen with
 * the error a wrong answer gets (the step's own `submit` judges a wrong answer), the screen while
 * its answer is on the way (`loading`), and, where the step shows something else with nothing known
 * yet, its `empty` state. A new step or state appears here without any fixture to write.
 */
import type { FlowContext } from '../flows/flow-context.ts';
import type { Screen, UiMessage, UiNode } from '../flows/screen.ts';
import type { LoadedJourney } from '../journeys/journey-registry.ts';
import { type StepModule, type StepServices, type StepView, steps } from '../steps/index.ts';
import { emptyContext, SAMPLE_EMAIL, sampleContext } from './preview-context.ts';

/** One screen of the preview. */
export interface PreviewScreen {
  /** `login.providePassword.error`: unique, stable across reloads, safe in a URL. */
  id: string;
  journey: string;
  state: string;
  step: string;
  variant: 'default' | 'error' | 'loading' | 'empty';
  screen: Screen;
}

/** Sample answers: what a person would type in each kind of field. */
const SAMPLE_VALUES: Record<string, string> = {
  email: SAMPLE_EMAIL,
  code: '123456',
  password: 'correct horse battery staple',
};
/** Wrong answers, for the error state. */
const WRONG_VALUES: Record<string, string> = {
  email: 'alex@',
  code: '000000',
  password: 'wrong',
  credential: '{}',
};

const CLIENT = { id: 'preview', name: 'Acme Shop' };

function screenOf(
  journey: LoadedJourney,
  state: string,
  step: StepModule,
  view: StepView,
  id: string,
): Screen {
  const api = `/preview/flow/${encodeURIComponent(id)}/api`;
  return {
    flow: {
      id,
      revision: 1,
      action: api,
      api,
      csrf: 'preview',
      expiresAt: new Date(Date.UTC(2030, 0, 1)).toISOString(),
    },
    journey: { id: journey.id, version: `${journey.label}+${journey.version}` },
    state,
    step: step.name,
    title: view.title,
    ...(view.subtitle ? { subtitle: view.subtitle } : {}),
    nodes: view.nodes,
    messages: [],
    client: CLIENT,
  };
}

const fieldKind = (node: UiNode) =>
  node.type === 'input'
    ? node.attributes.inputType === 'email'
      ? 'email'
      : node.attributes.inputType === 'password'
        ? 'password'
        : 'code'
    : '';

/** The nodes with each visible field filled as a person would; a refused password comes back empty, as on the real page. */
function filled(nodes: UiNode[], passwords = true): UiNode[] {
  return nodes.map((n) =>
    n.type === 'input' &&
    n.attributes.inputType !== 'hidden' &&
    !n.attributes.readOnly &&
    (passwords || n.attributes.inputType !== 'password')
      ? {
          ...n,
          attributes: { ...n.attributes, value: n.attributes.value ?? SAMPLE_VALUES[fieldKind(n)] ?? 'Alex' },
        }
      : n,
  );
}

/** What the step itself answers to wrong input: its field and form messages, or a generic refusal. */
async function errorsOf(
  step: StepModule,
  base: Parameters<StepModule['render']>[0],
  nodes: UiNode[],
): Promise<{ fields: Record<string, UiMessage[]>; messages: UiMessage[] }> {
  const fields: Record<string, string> = {};
  for (const n of nodes) if (n.type === 'input') fields[n.attributes.name] = WRONG_VALUES[fieldKind(n)] ?? '';
  const intent = nodes.find((n) => n.type === 'button' && n.attributes.variant === 'primary');
  try {
    const result = await step.submit({
      ...base,
      fields,
      intent: intent?.type === 'button' ? intent.attributes.intent : 'submit',
      audit: async () => {},
    });
    const fieldMessages = result.fields ?? {};
    if (Object.keys(fieldMessages).length > 0 || (result.messages ?? []).length > 0) {
      return { fields: fieldMessages, messages: result.messages ?? [] };
    }
  } catch {
    // A step that cannot judge this answer here (a passkey ceremony) gets the generic refusal below.
  }
  return { fields: {}, messages: [{ id: 'error.request.invalid', type: 'error' }] };
}

const withErrors = (nodes: UiNode[], fields: Record<string, UiMessage[]>): UiNode[] =>
  nodes.map((n) =>
    n.type === 'input' && fields[n.attributes.name]
      ? { ...n, messages: [...n.messages, ...(fields[n.attributes.name] ?? [])] }
      : n,
  );

/** Every preview screen of `journeys`, in journey and state order, drawn in `locale`. */
export async function previewScreens(
  journeys: LoadedJourney[],
  services: StepServices,
  locale: string,
): Promise<{ screens: PreviewScreen[]; skipped: string[] }> {
  const screens: PreviewScreen[] = [];
  const skipped: string[] = [];
  for (const journey of journeys) {
    for (const [state, def] of Object.entries(journey.definition.states)) {
      const step = steps.get(def.meta?.step ?? '');
      if (!step || def.type === 'final') continue;
      const key = `${journey.id}.${state}`;
      const input = (context: FlowContext) => ({
        params: step.params.parse(def.meta?.params ?? {}),
        context,
        client: CLIENT,
        now: services.now(),
        revision: 1,
        handles: new Set(Object.keys(def.on ?? {})),
        services,
      });
      const full = input(sampleContext(services, locale, key, journey.id));
      let view: StepView;
      try {
        view = await step.render(full);
      } catch (err) {
        skipped.push(`${key}: ${(err as Error).message}`);
        continue;
      }
      const add = (variant: PreviewScreen['variant'], v: StepView, patch: Partial<Screen> = {}) => {
        const id = `${key}.${variant}`;
        screens.push({
          id,
          journey: journey.id,
          state,
          step: step.name,
          variant,
          screen: { ...screenOf(journey, state, step, v, id), ...patch },
        });
      };
      add('default', view);
      const hasFields = view.nodes.some((n) => n.type === 'input' && n.attributes.inputType !== 'hidden');
      if (hasFields) {
        const errors = await errorsOf(step, full, view.nodes);
        add('error', view, {
          nodes: withErrors(filled(view.nodes, false), errors.fields),
          messages: errors.messages,
        });
      }
      if (view.nodes.some((n) => n.type === 'button')) add('loading', { ...view, nodes: filled(view.nodes) });
      try {
        const empty = await step.render(input(emptyContext(services, locale, key)));
        if (JSON.stringify(empty) !== JSON.stringify(view)) add('empty', empty);
      } catch {
        // A step that needs what an earlier step learned has no empty state: the journey never shows it so.
      }
    }
  }
  return { screens, skipped };
}
