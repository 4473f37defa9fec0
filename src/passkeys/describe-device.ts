/**
 * A short name for this browser and device ("Chrome on Linux", "Safari on iPhone"), posted with a
 * new passkey so the account's list of passkeys says where each one was made. It only labels the
 * passkey: nothing depends on it being right, so a small parse beats a user-agent library.
 */

/** The parts of `navigator.userAgentData` (Chromium only) that name the browser and platform. */
export interface UserAgentData {
  brands?: ReadonlyArray<{ brand: string; version?: string }>;
  platform?: string;
  mobile?: boolean;
}

// Most specific first: Edge, Opera and Samsung Internet also say "Chrome", and Chrome says "Safari".
const browsers: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|OPiOS)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const systems: ReadonlyArray<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac(?:intosh| OS X)\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const platformNames: Record<string, string> = { 'Chrome OS': 'ChromeOS', 'Mac OS': 'macOS' };

const first = (list: ReadonlyArray<[RegExp, string]>, ua: string) => list.find(([re]) => re.test(ua))?.[1];

/** The browser's own brand from client hints: not the GREASE entry, and not "Chromium" when a product is named. */
function brandOf(data: UserAgentData): string | undefined {
  const names = (data.brands ?? []).map((b) => b.brand).filter((b) => !/not.?a.?brand/i.test(b));
  const name = names.find((b) => b !== 'Chromium') ?? names[0];
  return name?.replace(/^Google /, '').replace(/^Microsoft /, '');
}

/** "Chrome on Linux", "Safari on iPhone", just "Firefox" when the system is unknown, or '' if nothing is. */
export function describeDevice(userAgent: string, userAgentData?: UserAgentData): string {
  const browser = (userAgentData && brandOf(userAgentData)) || first(browsers, userAgent);
  const platform = userAgentData?.platform === 'Unknown' ? undefined : userAgentData?.platform;
  const system = (platform && (platformNames[platform] ?? platform)) || first(systems, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? '';
}
