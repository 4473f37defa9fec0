/** The login page as HTML: server render, hydration props, theme CSS and client assets. */
export { type ClientAssets, PREVIEW_ENTRY, readClientAssets } from './client-assets.ts';
export { escapeHtml, jsonForScript } from './html.ts';
export { messagesRouter } from './messages-route.ts';
export { createPageRenderer, type DocumentOptions, MESSAGES_PATH, type PageRenderer } from './render-page.ts';
export {
  createScreenPages,
  type ScreenPages,
  type ScreenPagesOptions,
  type SendOptions,
} from './screen-pages.ts';
