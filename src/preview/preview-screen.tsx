/** One screen of the preview: the real login page `App`, with a caption naming the journey, state and variant. */
import { useEffect, useRef } from 'react';
import type { PreviewScreen as Fixture } from '../../server/dev/preview-fixtures.ts';
import type { PageProps } from '../../server/flows/screen.ts';
import { App } from '../app.tsx';

interface Props {
  fixture: Fixture;
  locale: string;
  brand: PageProps['brand'];
  /** Drawn alone (one by one): no caption, the page is the screen. */
  alone: boolean;
}

/** Presses the main button of a `loading` screen once, so its answer (which never comes) shows as busy. */
function usePressForLoading(fixture: Fixture, ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    if (fixture.variant !== 'loading') return;
    const timer = setTimeout(() => {
      const root = ref.current;
      const button =
        root?.querySelector<HTMLButtonElement>('.portico-button--primary') ??
        root?.querySelector<HTMLButtonElement>('button[type="submit"]');
      button?.click();
    }, 50);
    return () => clearTimeout(timer);
  }, [fixture, ref]);
}

export function PreviewScreen({ fixture, locale, brand, alone }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  usePressForLoading(fixture, ref);
  const app = <App screen={fixture.screen} locale={locale} brand={brand} />;
  if (alone) return <div ref={ref}>{app}</div>;
  return (
    <section
      className="preview-frame"
      aria-label={fixture.id}
      data-brand={brand.id}
      data-layout={brand.layout}
    >
      <p className="preview-caption">
        {fixture.journey} · {fixture.state} · {fixture.step} · {fixture.variant}
      </p>
      <div ref={ref}>{app}</div>
    </section>
  );
}
