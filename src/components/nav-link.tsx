/**
 * A link to another page. If the copy marks a part with `<link>…</link>` ("Don't have an account?
 * <link>Create one</link>"), that part is emphasised; the whole sentence stays the link's name.
 */
import { useMessage } from '../use-message.ts';
import type { LinkProps } from './component-props.ts';

const marked = /^(.*?)<link>(.*?)<\/link>(.*)$/s;

export function NavLink({ node }: LinkProps) {
  const text = useMessage();
  const content = text(node.attributes.label);
  const parts = marked.exec(content);
  return (
    <a className={`portico-link portico-link--${node.group}`} href={node.attributes.href}>
      {parts ? (
        <>
          {parts[1] && <span className="portico-link__lead">{parts[1]}</span>}
          <span className="portico-link__action">{parts[2]}</span>
          {parts[3]}
        </>
      ) : (
        <span className="portico-link__action">{content}</span>
      )}
    </a>
  );
}
