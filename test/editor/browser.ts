// Debian's Chromium driven by playwright-core (its own browser download cannot work offline),
// headless, with a fresh profile and nothing that phones home.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { limits } from './config.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-extensions',
];

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string): Promise<BrowserSession> {
  const browser: Browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: limits.codeServerStart,
  });
  // A new context is a fresh, in-memory profile.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(limits.ui);
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}
