import type { ActiveFlow, FlowEngine } from './flow-engine.ts';
import type { Screen, UiMessage, UiNode } from './screen.ts';

export interface ScreenOptions {
  client: { id: string; name: string };
  csrf: string;
  /** Messages to add on top of the flow's own (e.g. "this page was out of date"). */
  messages?: UiMessage[];
}

/** Puts the flow's per-field messages and refill values onto the step's nodes (never into password fields). */
function withFlash(nodes: UiNode[], flash: ActiveFlow['context']['flash']): UiNode[] {
  return nodes.map((node) => {
    if (node.type !== 'input') return node;
    const messages = flash.fields[node.attributes.name] ?? [];
    const value = node.attributes.inputType === 'password' ? undefined : flash.values[node.attributes.name];
    const attributes = value === undefined ? node.attributes : { ...node.attributes, value };
    return { ...node, attributes, messages: [...node.messages, ...messages] };
  });
}

/** The screen for where a flow stands: what the step draws plus the flow's messages and CSRF token. */
export async function buildScreen(
  engine: FlowEngine,
  flow: ActiveFlow,
  opts: ScreenOptions,
): Promise<Screen> {
  const { step } = engine.stepOf(flow);
  const view = await engine.render(flow, opts.client);
  const base = `/interaction/${encodeURIComponent(flow.record.interactionUid ?? '')}`;
  return {
    flow: {
      id: flow.record.id,
      revision: flow.record.revision,
      action: base,
      api: `${base}/api`,
      csrf: opts.csrf,
      expiresAt: new Date(flow.record.expiresAt).toISOString(),
    },
    journey: { id: flow.journey.id, version: `${flow.journey.label}+${flow.journey.version}` },
    state: flow.state,
    step: step.name,
    title: view.title,
    ...(view.subtitle ? { subtitle: view.subtitle } : {}),
    nodes: withFlash(view.nodes, flow.context.flash),
    messages: [...(opts.messages ?? []), ...flow.context.flash.messages],
    client: opts.client,
  };
}

/** A screen with no form: an error and, where there is one, a way back. */
export function errorScreen(
  messageId: string,
  client: { id: string; name: string },
  backHref?: string,
): Screen {
  const nodes: UiNode[] = [
    { type: 'text', group: 'default', attributes: { text: { id: messageId, type: 'error' } }, messages: [] },
  ];
  if (backHref)
    nodes.push({
      type: 'link',
      group: 'navigation',
      attributes: { href: backHref, label: 'link.backToApp' },
      messages: [],
    });
  return {
    flow: { id: '', revision: 0, action: '', api: '', csrf: '', expiresAt: new Date(0).toISOString() },
    journey: { id: '', version: '' },
    state: 'error',
    step: 'error',
    title: { id: 'title.error', type: 'error' },
    nodes,
    messages: [],
    client,
  };
}
