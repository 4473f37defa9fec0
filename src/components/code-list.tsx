/**
 * Recovery codes (a `list` node of group `code`): each item is `text.verbatim` with the code in
 * `values.text`. They are drawn in a monospace two-column grid, selectable as plain text, with a
 * "Copy codes" button, because the person has to store every one of them somewhere safe now.
 */
import { useId } from 'react';
import { useMessage } from '../use-message.ts';
import type { ListProps } from './component-props.ts';
import { CopyButton } from './copy-button.tsx';

export function CodeList({ node }: ListProps) {
  const text = useMessage();
  const id = useId();
  // A verbatim item is shown exactly as sent (it is data, not copy); any other item is translated.
  const codes = node.attributes.items.map((item) =>
    item.id === 'text.verbatim' ? String(item.values?.text ?? '') : text(item),
  );
  return (
    <div className={`portico-list portico-list--${node.group}`}>
      <p id={`${id}-label`} className="portico-list__label">
        {text(node.attributes.label)}
      </p>
      <ul id={`${id}-codes`} className="portico-codes" aria-labelledby={`${id}-label`}>
        {codes.map((code, i) => (
          // Codes may repeat in theory; their place in the list is what identifies them.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the life of the screen.
          <li key={i}>{code}</li>
        ))}
      </ul>
      <CopyButton text={() => codes.join('\n')} label="button.copyCodes" targetId={`${id}-codes`} />
    </div>
  );
}
