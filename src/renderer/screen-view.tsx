/** Draws one screen: header, form-level messages, then the form (or, for the error step, no form). */
import type { UiMessage, UiNode } from '../../server/flows/screen.ts';
import { useComponents } from '../components/components-context.tsx';
import { FlowForm } from '../form/flow-form.tsx';
import type { FieldValues } from '../form/submit-flow.ts';
import { usePage } from '../page-context.tsx';
import { useMessage } from '../use-message.ts';
import { arrangeNodes, nodeKey, offersAlternative } from './arrange-nodes.ts';
import { NodeView } from './node-view.tsx';

interface ScreenViewProps {
  dir: 'ltr' | 'rtl';
  /** A failure with no screen to show; it replaces the screen's own (now stale) messages. */
  error: UiMessage | null;
  onSubmit: (fields: FieldValues, intent: string) => void;
}

/** The nodes in order; with `dividedFirst`, the first is drawn as an alternative to what precedes it. */
function nodes(list: UiNode[], dividedFirst = false) {
  return list.map((node, i) => (
    <NodeView key={nodeKey(node, i)} node={node} divided={dividedFirst && i === 0} />
  ));
}

export function ScreenView({ dir, error, onSubmit }: ScreenViewProps) {
  const { screen, brand } = usePage();
  const { Layout, Header, Messages } = useComponents();
  const text = useMessage();
  const hasControls = screen.nodes.some(
    (n) => n.type === 'input' || n.type === 'button' || n.type === 'webauthn',
  );
  const formless = screen.step === 'error' || !hasControls;
  const tone = screen.step === 'error' ? 'error' : 'default';
  const arranged = arrangeNodes(screen.nodes);
  const { body, actions, after, trailing, links } = arranged;
  const { flow } = screen;

  return (
    <Layout dir={dir} tone={tone}>
      <Header
        brand={brand}
        title={text(screen.title)}
        subtitle={screen.subtitle && text(screen.subtitle)}
        tone={tone}
      />
      <Messages messages={error ? [error] : screen.messages} />
      {formless ? (
        <div className="portico-body">{nodes([...body, ...after, ...trailing])}</div>
      ) : (
        // A new key per screen resets the fields to the new screen's values.
        <FlowForm key={`${flow.id}:${flow.revision}:${screen.state}`} onSubmit={onSubmit}>
          {nodes(body)}
          {actions.length > 0 && <div className="portico-actions">{nodes(actions)}</div>}
          {nodes(after, offersAlternative(arranged))}
          {trailing.length > 0 && <div className="portico-actions">{nodes(trailing)}</div>}
        </FlowForm>
      )}
      {links.length > 0 && (
        <nav className={formless ? 'portico-links portico-links--prominent' : 'portico-links'}>
          {nodes(links)}
        </nav>
      )}
    </Layout>
  );
}
