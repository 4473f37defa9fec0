/** The page: a soft background, the centered card, and the footer under it. */
import type { LayoutProps } from './component-props.ts';
import { PageFooter } from './page-footer.tsx';

export function Layout({ dir, tone, children }: LayoutProps) {
  return (
    <div className="portico-page">
      <main className={`portico-card portico-card--${tone}`} dir={dir}>
        {children}
      </main>
      <PageFooter dir={dir} />
    </div>
  );
}
