/**
 * The HTML part of a mail, drawn in the brand of the app the person was signing in to: its logo,
 * name and colours. Mail clients ignore `<style>` and custom properties, so the look is inline
 * styles; every value is escaped text or a colour the theme schema has checked.
 */
import { escapeHtml } from '../page/html.ts';

/** What a mail takes from a theme. */
export interface MailBrand {
  name: string;
  /** Absolute URL of the logo (mail is read away from the site). */
  logoUrl?: string;
  colors: {
    primary: string;
    primaryContrast: string;
    background: string;
    surface: string;
    text: string;
    textMuted: string;
    border: string;
  };
  fontFamily: string;
  radius: string;
  /** The theme's copy for the mail's locale (message id → text). */
  copy?: Record<string, string>;
}

/** The look of a mail when no theme is at hand. */
export const PLAIN_BRAND: Omit<MailBrand, 'name'> = {
  colors: {
    primary: '#4f46e5',
    primaryContrast: '#ffffff',
    background: '#f3f4f8',
    surface: '#ffffff',
    text: '#1f2937',
    textMuted: '#6b7280',
    border: '#dde1e9',
  },
  fontFamily: 'system-ui, sans-serif',
  radius: '10px',
};

/** The parts of one mail, already translated. */
export interface MailParts {
  locale: string;
  dir: 'ltr' | 'rtl';
  body: string;
  footer: string;
  code?: string;
  link?: { href: string; label: string };
}

/** The whole HTML document of a mail. */
export function mailHtml(brand: MailBrand, parts: MailParts): string {
  const c = brand.colors;
  const font = brand.fontFamily.replace(/"/g, "'");
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" width="40" height="40" style="display:block;border:0;margin:0 0 12px">`
    : '';
  const code = parts.code
    ? `<p style="margin:20px 0;padding:14px 0;font-size:32px;letter-spacing:8px;font-weight:700;text-align:center;color:${c.text};background:${c.background};border-radius:${brand.radius}">${escapeHtml(parts.code)}</p>`
    : '';
  const link = parts.link
    ? `<p style="margin:20px 0"><a href="${escapeHtml(parts.link.href)}" style="display:inline-block;padding:12px 20px;border-radius:${brand.radius};background:${c.primary};color:${c.primaryContrast};font-weight:600;text-decoration:none">${escapeHtml(parts.link.label)}</a></p>`
    : '';
  return `<!doctype html><html lang="${escapeHtml(parts.locale)}" dir="${parts.dir}"><head><meta charset="utf-8"><meta name="color-scheme" content="light"></head>
<body style="margin:0;padding:24px 12px;background:${c.background};font-family:${escapeHtml(font)};color:${c.text}">
<div style="max-width:480px;margin:0 auto;padding:28px;background:${c.surface};border:1px solid ${c.border};border-top:4px solid ${c.primary};border-radius:${brand.radius}">
${header}<p style="margin:0 0 16px;font-size:18px;font-weight:700;color:${c.text}">${escapeHtml(brand.name)}</p>
${code}<p style="margin:0;font-size:15px;line-height:1.5">${escapeHtml(parts.body)}</p>${link}
</div>
<p style="max-width:480px;margin:16px auto 0;font-size:12px;line-height:1.5;color:${c.textMuted}">${escapeHtml(parts.footer)}</p>
</body></html>`;
}
