/** Brand logo, the step's `<h1>` and its subtitle. */
import type { HeaderProps } from './component-props.ts';
import { AlertIcon } from './icons.tsx';

export function CardHeader({ brand, title, subtitle, tone }: HeaderProps) {
  return (
    <header className="portico-header">
      {brand.logoUrl ? (
        <img className="portico-logo" src={brand.logoUrl} alt={brand.name} width={44} height={44} />
      ) : (
        <p className="portico-wordmark">{brand.name}</p>
      )}
      {tone === 'error' && (
        <div className="portico-header__badge">
          <AlertIcon className="portico-icon portico-icon--large" />
        </div>
      )}
      {/* tabIndex -1: focus moves here when a new screen arrives, so screen readers read it. */}
      <h1 id="portico-heading" className="portico-title" tabIndex={-1}>
        {title}
      </h1>
      {subtitle && <p className="portico-subtitle">{subtitle}</p>}
    </header>
  );
}
