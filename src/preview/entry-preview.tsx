/**
 * The designer's preview (`/preview`, development only): draws every screen the server generated
 * from the shipped journeys with the real login page components, mocks the flow API with msw, and
 * applies theme and locale-file changes as they are saved.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PreviewPageData } from '../../server/dev/preview-page.ts';
import type { PageProps } from '../../server/flows/screen.ts';
import { forgetBrandI18n } from '../brand-i18n.ts';
import { addMessages, type Messages } from '../i18n.ts';
import { listenForChanges } from './live-updates.ts';
import { startMockFlowApi } from './mock-flow-api.ts';
import { PreviewScreen } from './preview-screen.tsx';
import '../styles/index.ts';

/** The brand props a screen is drawn with, from the theme the server sent. */
const toBrand = (b: PreviewPageData['brand']): PageProps['brand'] => ({
  id: b.id,
  name: b.name,
  logoUrl: b.logo,
  layout: b.layout,
  copy: b.copy,
});

function Preview({ data }: { data: PreviewPageData }) {
  const [brand, setBrand] = useState(() => toBrand(data.brand));
  // Bumped when messages change: every screen is drawn again with the new text.
  const [generation, setGeneration] = useState(0);
  useEffect(
    () =>
      listenForChanges(data.brand.id, data.locale, data.scheme, {
        theme(update) {
          const style = document.getElementById('preview-theme');
          if (style) style.textContent = update.css;
          document.body.dataset.layout = update.layout;
          forgetBrandI18n();
          setBrand(toBrand(update));
          setGeneration((g) => g + 1);
        },
        messages(update) {
          addMessages(update.locale, update.messages as Messages);
          forgetBrandI18n();
          setGeneration((g) => g + 1);
        },
      }),
    [data],
  );
  useEffect(() => {
    document.documentElement.dataset.previewReady = 'true';
  }, []);
  const alone = data.current !== null;
  return (
    <>
      {data.screens
        .filter((s) => !alone || s.id === data.current)
        .map((fixture) => (
          <PreviewScreen
            key={`${fixture.id}:${generation}`}
            fixture={fixture}
            locale={data.locale}
            brand={brand}
            alone={alone}
          />
        ))}
    </>
  );
}

async function main() {
  const element = document.getElementById('preview-data');
  const root = document.getElementById('preview-root');
  if (!element?.textContent || !root) return;
  const data = JSON.parse(element.textContent) as PreviewPageData;
  addMessages('en', data.fallbackMessages as Messages);
  addMessages(data.locale, data.messages as Messages);
  await startMockFlowApi(data.screens);
  createRoot(root).render(<Preview data={data} />);
}

void main();
