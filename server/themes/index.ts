/** Brand themes: loading `themes/<id>/theme.json`, checking it, and turning it into the page's CSS. */
export { CONTRAST_PAIRS, contrastRatio, contrastWarnings } from './contrast.ts';
export { scopeCustomCss } from './custom-css.ts';
export { LiveThemes, type ThemeStatus } from './live-themes.ts';
export { type LoadedTheme, loadTheme, loadThemes, themeAssetUrl, themeFolders } from './load-themes.ts';
export { mailBrands, themeCopy } from './mail-brand.ts';
export { messageIdsOf } from './message-ids.ts';
export { themeAssetsRouter } from './theme-assets.ts';
export { themeCss } from './theme-css.ts';
export { type Theme, type ThemeInput, themeJsonSchema, themeSchema } from './theme-schema.ts';
