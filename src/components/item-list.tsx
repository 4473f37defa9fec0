/**
 * A labelled list, e.g. the permissions an app asks for on the consent screen. A list of group
 * `code` holds recovery codes, which are drawn as codes to copy (CodeList), not as a checklist.
 */
import { useId } from 'react';
import { useMessage } from '../use-message.ts';
import { CodeList } from './code-list.tsx';
import type { ListProps } from './component-props.ts';
import { CheckIcon } from './icons.tsx';

export function ItemList({ node }: ListProps) {
  if (node.group === 'code') return <CodeList node={node} />;
  return <Checklist node={node} />;
}

function Checklist({ node }: ListProps) {
  const text = useMessage();
  const id = useId();
  return (
    <div className={`portico-list portico-list--${node.group}`}>
      <p id={id} className="portico-list__label">
        {text(node.attributes.label)}
      </p>
      <ul aria-labelledby={id}>
        {node.attributes.items.map((item) => (
          <li key={item.id}>
            <CheckIcon />
            <span>{text(item)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
