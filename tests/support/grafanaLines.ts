import { readFileSync } from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';

import { DEFAULT_GRAFANA_LINE, GRAFANA_LINES, type GrafanaLine } from '../../sandbox/host/server';
import { grafanaLine } from '../../sandbox/host/server/grafanaLines';

/**
 * The Grafana lines the browser suites run on: every line the sandbox emulates, or the ones in `GRAFANA_LINES`
 * (`GRAFANA_LINES=13.2 npx jest tests/browser/plugin` for a quick local run on one line).
 */
export function testedGrafanaLines(env: NodeJS.ProcessEnv = process.env): GrafanaLine[] {
  const wanted = env.GRAFANA_LINES?.split(',').filter((line) => line !== '');
  if (!wanted || wanted.length === 0) {
    return [...GRAFANA_LINES];
  }
  const unknown = wanted.filter((line) => !GRAFANA_LINES.includes(line));
  if (unknown.length > 0) {
    throw new Error(`GRAFANA_LINES names ${unknown.join(', ')}; the sandbox emulates ${GRAFANA_LINES.join(', ')}`);
  }
  return wanted;
}

/** What the host's top bar says for `line`: "Grafana 13.2 · React 19.2.9", React as installed for that line. */
export function expectedLineText(line: GrafanaLine): string {
  const reactPackage = path.join(grafanaLine(line).packagesDir, 'node_modules', 'react', 'package.json');
  const { version } = JSON.parse(readFileSync(reactPackage, 'utf8')) as { version: string };
  return `Grafana ${line} · React ${version}`;
}

/**
 * Fails unless the page's top bar names `line` and its React: proof that the host bundle of that line, not another,
 * is the one running.
 */
export async function expectGrafanaLine(page: Page, line: GrafanaLine): Promise<void> {
  const bar = page.getByTestId('host-grafana-line');
  await bar.waitFor();
  const text = (await bar.textContent()) ?? '';
  if (text !== expectedLineText(line)) {
    throw new Error(`the host emulates "${text}", expected "${expectedLineText(line)}"`);
  }
}

/**
 * A screenshot's name on `line`: as it always was on the default line (README.md and docs/screenshots use those), with
 * the line appended on the others so no line overwrites another's.
 */
export function lineScreenshot(name: string, line: GrafanaLine): string {
  return line === DEFAULT_GRAFANA_LINE ? name : `${name}-grafana-${line}`;
}
