import { describe, expect, it } from 'vitest';
import { describeDevice } from '../../src/passkeys/describe-device.ts';

const ua = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0',
  chromeIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
};

describe('describeDevice', () => {
  it('names the browser and the system from the user agent', () => {
    expect(describeDevice(ua.chromeLinux)).toBe('Chrome on Linux');
    expect(describeDevice(ua.safariIphone)).toBe('Safari on iPhone');
    expect(describeDevice(ua.safariMac)).toBe('Safari on macOS');
    expect(describeDevice(ua.edgeWindows)).toBe('Edge on Windows');
    expect(describeDevice(ua.firefoxAndroid)).toBe('Firefox on Android');
    expect(describeDevice(ua.chromeIpad)).toBe('Chrome on iPad');
    expect(describeDevice(ua.samsung)).toBe('Samsung Internet on Android');
  });

  it('prefers client hints, skipping the GREASE brand and the Chromium engine', () => {
    const data = {
      brands: [
        { brand: 'Not)A;Brand', version: '99' },
        { brand: 'Chromium', version: '131' },
        { brand: 'Google Chrome', version: '131' },
      ],
      platform: 'macOS',
      mobile: false,
    };
    expect(describeDevice(ua.chromeLinux, data)).toBe('Chrome on macOS');
    expect(
      describeDevice(ua.edgeWindows, { brands: [{ brand: 'Microsoft Edge' }], platform: 'Windows' }),
    ).toBe('Edge on Windows');
    expect(describeDevice('', { brands: [{ brand: 'Chromium' }], platform: 'Linux' })).toBe(
      'Chromium on Linux',
    );
  });

  it('falls back to the user agent for what client hints leave out', () => {
    expect(describeDevice(ua.chromeLinux, { brands: [], platform: '' })).toBe('Chrome on Linux');
    expect(describeDevice(ua.chromeLinux, { brands: [{ brand: 'Brave' }], platform: 'Unknown' })).toBe(
      'Brave on Linux',
    );
  });

  it('says what it knows, and nothing when it knows nothing', () => {
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/132.0')).toBe(
      'Firefox on Linux',
    );
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0) SomeBrowser/1.0')).toBe('Windows');
    expect(describeDevice('curl/8.5.0')).toBe('');
  });
});
