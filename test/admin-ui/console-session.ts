import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { startConsoleServer, type ConsoleServer } from './console-server.ts';

/** A console server and a browser tab on it, as a test file's fixture. */
export interface ConsoleSession {
  server: ConsoleServer;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page; a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** One console session for the tests of a file: opened before them, closed after. Call at the top level. */
export function useConsoleSession(): () => ConsoleSession {
  let session: ConsoleSession | undefined;
  beforeAll(async () => {
    session = await openConsole();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the console session is not open (useConsoleSession runs in beforeAll)');
    return session;
  };
}

/**
 * The console on its own server and table, in headless Chromium. The browser runs in another
 * zone than China (Europe/London): the console must still show and send China time.
 */
async function openConsole(): Promise<ConsoleSession> {
  const server = await startConsoleServer();
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Playwright's CSS engine pierces open shadow roots, so test ids reach into every component. */
export const byTestId = (testId: string) => `[data-testid="${testId}"]`;

/**
 * Signs in as a demo user from the console's sign-in page: the click sends the browser through
 * the local provider's authorization-code + PKCE flow (the user named in `login_hint`), and the
 * console is back, signed in as `name`.
 */
export async function signInWithPreset(page: Page, username: string, name: string): Promise<void> {
  await page.click(byTestId(`preset-${username}`));
  await page.locator(`${byTestId('signed-in-as')}[data-name="${name}"]`).waitFor();
}

/** Signs out of the console and, confirming on the provider's page, of the provider; back at the console's sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.click(byTestId('sign-out'));
  await page.click('button[name="logout"][value="yes"]');
  await page.locator(byTestId('sign-in')).waitFor();
}
