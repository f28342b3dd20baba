import { existsSync } from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { startHostServer, type GrafanaLine } from '../../sandbox/host/server';

/** Debian's Chromium; never a downloaded browser. `CHROMIUM_PATH` overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots (kept as CI artifacts). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Starts the sandbox host emulating `grafana` (default: the newest line) and opens its bare panel page; the built
 * plugin must be in dist/ and the line's host bundle built.
 */
export async function openHost(
  browser: Browser,
  grafana?: GrafanaLine
): Promise<{ page: Page; url: string; close(): Promise<void> }> {
  const host = await startHostServer({ port: 0, ...(grafana ? { grafana } : {}) });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.url}/sandbox/panel`);
  await page.waitForFunction(() => 'flamelensHost' in window && 'System' in window, undefined, { timeout: 30_000 });
  return {
    page,
    url: host.url,
    close: async () => {
      await page.close();
      await host.close();
      if (errors.length > 0) {
        throw new Error(`page errors: ${errors.join('; ')}`);
      }
    },
  };
}
