/**
 * An image the step needs, such as the QR code of an authenticator-app secret. It sits on a light
 * panel whatever the colour scheme, because a QR scanner needs dark modules on a light ground.
 * Only `data:` images are drawn: the contract never sends a remote one, and the page loads nothing
 * from elsewhere.
 */
import { useMessage } from '../use-message.ts';
import type { ImageProps } from './component-props.ts';

export function ImageBlock({ node }: ImageProps) {
  const text = useMessage();
  const a = node.attributes;
  if (!a.src.startsWith('data:image/')) return null;
  return (
    <div className={`portico-image portico-image--${node.group}`}>
      <img src={a.src} alt={text(a.alt)} width={a.width} height={a.height} />
    </div>
  );
}
