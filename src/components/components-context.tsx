/** Hands the component map (defaults plus a theme's overrides) to the renderer. */
import { createContext, useContext } from 'react';
import { defaultComponents, type PorticoComponents } from './default-components.ts';

export const ComponentsContext = createContext<PorticoComponents>(defaultComponents);

/** The components to draw with. */
export function useComponents(): PorticoComponents {
  return useContext(ComponentsContext);
}
