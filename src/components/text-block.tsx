/** A paragraph; the `identifier` group (who is signing in) is drawn as an account chip. */
import { useMessage } from '../use-message.ts';
import type { TextProps } from './component-props.ts';

export function TextBlock({ node }: TextProps) {
  const text = useMessage();
  const content = text(node.attributes.text);
  if (node.group === 'identifier') {
    const username = node.attributes.text.values?.email;
    return (
      <p id={node.attributes.id} className="portico-identity">
        <span className="portico-identity__avatar" aria-hidden="true">
          {content.trim().charAt(0).toUpperCase()}
        </span>
        <span className="portico-identity__text">{content}</span>
        {/* Unnamed, so never submitted: it tells password managers which account the password is for. */}
        {username !== undefined && (
          <input type="text" autoComplete="username" value={String(username)} readOnly hidden />
        )}
      </p>
    );
  }
  return (
    <p id={node.attributes.id} className={`portico-text portico-text--${node.group}`}>
      {content}
    </p>
  );
}
