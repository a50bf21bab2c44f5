import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const baseArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * Headless Chromium for browser tests: $CHROME_PATH, else the system's /usr/bin/chromium, else
 * the binary shipped in @sparticuz/chromium (so that a fresh machine needs nothing installed).
 */
export async function launchChromium(): Promise<Browser> {
  const configured = process.env.CHROME_PATH;
  if (configured) return chromium.launch({ executablePath: configured, args: baseArgs });
  if (existsSync('/usr/bin/chromium')) return chromium.launch({ executablePath: '/usr/bin/chromium', args: baseArgs });
  const { default: bundled } = await import('@sparticuz/chromium');
  return chromium.launch({ executablePath: await bundled.executablePath(), args: [...bundled.args, ...baseArgs], headless: true });
}
