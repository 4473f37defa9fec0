/**
 * A link to another page. If the copy marks a part with `<link>…</link>` ("Don't have an account?
 * <link>Create one</link>"), that part is emphasised; the whole sentence stays the link's name.
 */
import { useMessage } from '../use-message.ts';
import type { LinkProps } from './component-props.ts';
import { splitMarked } from './marked-label.ts';

export function NavLink({ node }: LinkProps) {
  const text = useMessage();
  const content = text(node.attributes.label);
  const parts = splitMarked(content);
  return (
    <a className={`portico-link portico-link--${node.group}`} href={node.attributes.href}>
      {parts ? (
        <>
          {parts.lead && <span className="portico-link__lead">{parts.lead}</span>}
          <span className="portico-link__action">{parts.action}</span>
          {parts.rest}
        </>
      ) : (
        <span className="portico-link__action">{content}</span>
      )}
    </a>
  );
}
