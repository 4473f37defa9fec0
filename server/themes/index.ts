/** Brand themes: loading `themes/<id>/theme.json` and turning it into CSS custom properties. */
export { type LoadedTheme, loadThemes } from './load-themes.ts';
export { themeCss } from './theme-css.ts';
export { type Theme, themeJsonSchema, themeSchema } from './theme-schema.ts';
