import type { Page } from 'playwright-core';

/** Grafana's default `content_security_policy_template` (conf/defaults.ini), with its nonce and root path filled in. */
export const GRAFANA_DEFAULT_CSP = (nonce: string, rootPath: string): string =>
  `script-src 'self' 'unsafe-eval' 'unsafe-inline' 'strict-dynamic' 'nonce-${nonce}';object-src 'none';` +
  `font-src 'self';style-src 'self' 'unsafe-inline' blob:;img-src * data:;base-uri 'self';` +
  `connect-src 'self' grafana.com ws://${rootPath} wss://${rootPath};manifest-src 'self';media-src 'none';` +
  `form-action 'self';`;

/**
 * Serves the pages matching `pageGlob` as Grafana serves its index page with `content_security_policy = true` and the
 * default template: the policy in a header, the nonce on the page's parser-inserted scripts; everything else the page
 * loads must pass on its own. `rootPath` is Grafana's host (and port) in the `ws://` sources.
 */
export async function serveWithGrafanaCsp(page: Page, pageGlob: string, rootPath: string): Promise<void> {
  const nonce = 'flamelens-test-nonce';
  await page.route(pageGlob, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script/g, `<script nonce="${nonce}"`);
    await route.fulfill({
      response,
      body: html,
      headers: { ...response.headers(), 'content-security-policy': GRAFANA_DEFAULT_CSP(nonce, rootPath) },
    });
  });
}

/** Collects the page's console messages that report a Content Security Policy violation. */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) {
      violations.push(m.text());
    }
  });
  return violations;
}
