/**
 * Messages about the whole form. Both live regions are always in the DOM (empty when there is
 * nothing to say) so that assistive technology announces messages added after a submit.
 */
import type { UiMessage } from '../../server/flows/screen.ts';
import { useMessage } from '../use-message.ts';
import type { MessagesProps } from './component-props.ts';
import { AlertIcon, CheckIcon, InfoIcon } from './icons.tsx';

function Message({ message }: { message: UiMessage }) {
  const text = useMessage();
  const icon =
    message.type === 'error' ? <AlertIcon /> : message.type === 'success' ? <CheckIcon /> : <InfoIcon />;
  return (
    <div className={`portico-message portico-message--${message.type}`}>
      {icon}
      <p>{text(message)}</p>
    </div>
  );
}

export function FormMessages({ messages }: MessagesProps) {
  const errors = messages.filter((m) => m.type === 'error');
  const notes = messages.filter((m) => m.type !== 'error');
  return (
    <div className="portico-notices">
      <div className="portico-messages" role="alert">
        {errors.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </div>
      <div className="portico-messages" role="status">
        {notes.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </div>
    </div>
  );
}
