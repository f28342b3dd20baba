/**
 * @jest-environment node
 */
/**
 * Issue 13: the query editor's labels ("Group by", "Max nodes", "Focus variable", "Focus window", "Compare with"...)
 * wrapped onto two lines and spilled out of their boxes. In the sandbox's panel editor, on every Grafana line it
 * emulates, at the editor widths its pages give (600, 940 and 1600 px windows) and in a narrow 300 px editor, every
 * label is on one line and inside its box and the editor. Screenshots in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../support/browser';
import { lineScreenshot, testedGrafanaLines } from '../support/grafanaLines';
import { saveScreenshot } from '../support/panelPage';
import {
  openSandboxPage,
  startSandbox,
  startSeededPyroscope,
  type Sandbox,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(240_000);

const LABELS = [
  'Profile type',
  'Service',
  'Labels',
  'Query type',
  'Group by',
  'Max nodes',
  'Focus variable',
  'Focus window',
  'Compare with',
  'Frame filters',
];
const EDITOR = '[data-testid="flamelens-query-editor"]';

/** Where each label's text lies: how many lines, and whether it stays in its box and in the editor. */
interface LabelFit {
  text: string;
  found: boolean;
  lines: number;
  insideBox: boolean;
  insideEditor: boolean;
}

function measure(page: Page): Promise<LabelFit[]> {
  return page.evaluate(
    ({ labels, editorSelector }) => {
      const editor = document.querySelector(editorSelector)!;
      const bounds = editor.getBoundingClientRect();
      const all = [...editor.querySelectorAll('label')];
      return labels.map((text) => {
        // The innermost element labelled so (the field's own label, inside Grafana's field label).
        const label = all.filter((l) => (l.textContent ?? '').trim() === text).pop();
        const node = label && [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!label || !node) {
          return { text, found: false, lines: 0, insideBox: false, insideEditor: false };
        }
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const words = range.getBoundingClientRect();
        const box = label.getBoundingClientRect();
        const within = (outer: DOMRect) =>
          words.left >= outer.left - 0.5 &&
          words.right <= outer.right + 0.5 &&
          words.top >= outer.top - 0.5 &&
          words.bottom <= outer.bottom + 0.5;
        return {
          text,
          found: true,
          lines: new Set(rects.map((r) => Math.round(r.top))).size,
          insideBox: within(box) && label.scrollWidth <= label.clientWidth + 1,
          insideEditor: within(bounds),
        };
      });
    },
    { labels: LABELS, editorSelector: EDITOR }
  );
}

let browser: Browser;
let seeded: SeededPyroscope;
beforeAll(async () => {
  browser = await launchChromium();
  seeded = await startSeededPyroscope();
});
afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

describe.each(testedGrafanaLines())('the query editor layout, Grafana %s', (line) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ grafana: line, seeded });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  async function openEditor(width: number) {
    const ui = await openSandboxPage(browser, sandbox.url, { width, height: 1000 });
    const toMs = Math.floor(sandbox.nowMs / 60_000) * 60_000;
    await ui.open(`/d/flamelens-demo?from=${toMs - 3_600_000}&to=${toMs}&editPanel=2`);
    await ui.page.locator('#flamelens-focus-variable').waitFor();
    return ui;
  }

  it.each([600, 940, 1600])('keeps every label on one line and in its box in a %p px window', async (width) => {
    const ui = await openEditor(width);
    try {
      const fits = await measure(ui.page);
      await ui.page.locator(EDITOR).scrollIntoViewIfNeeded();
      await saveScreenshot(ui.page, lineScreenshot(`query-editor-${width}px`, line));
      expect(fits).toEqual(
        LABELS.map((text) => ({ text, found: true, lines: 1, insideBox: true, insideEditor: true }))
      );
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });

  it('keeps every label on one line and in its box in a 300 px editor', async () => {
    const ui = await openEditor(1600);
    try {
      await ui.page.locator(EDITOR).evaluate((el) => {
        (el as HTMLElement).style.width = '300px';
      });
      const fits = await measure(ui.page);
      await ui.page.locator(EDITOR).scrollIntoViewIfNeeded();
      await saveScreenshot(ui.page, lineScreenshot('query-editor-300px-editor', line));
      expect(fits).toEqual(
        LABELS.map((text) => ({ text, found: true, lines: 1, insideBox: true, insideEditor: true }))
      );
      // The fields wrap onto more rows instead of running out of the editor.
      const overflow = await ui.page
        .locator(EDITOR)
        .evaluate((el) =>
          [...el.querySelectorAll('input')].some(
            (i) => i.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.5
          )
        );
      expect(overflow).toBe(false);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
