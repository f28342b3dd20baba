import type { Locator, Page } from 'playwright-core';

import type { SpikeWindow } from '../../sandbox/demo/spikeSchedule';
import { poll } from './sandbox';

const CPU_PANEL = '[data-panel-id="1"]';

/** The annotation marker of `spike` on the demo dashboard's CPU panel, once the annotation query has answered. */
export async function spikeMarker(page: Page, spike: SpikeWindow): Promise<Locator> {
  const markers = page.locator(
    `${CPU_PANEL} [data-testid="annotation-marker"][data-annotation-title="Spike: demo-workload"]`
  );
  const index = await poll('the spike annotation', 30_000, async () => {
    const times = await markers.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-annotation-time'))));
    const i = times.findIndex((t) => t >= spike.startMs - 2 * 60_000 && t <= spike.endMs);
    return i >= 0 ? i : undefined;
  });
  return markers.nth(index);
}

/** Pins the marker's tooltip; its text, its "Open profile" link and the focus moment that link sets. */
export async function openSpikeTooltip(page: Page, marker: Locator) {
  await marker.click();
  const tip = page.locator('[data-testid="annotation-tooltip"]');
  await tip.waitFor();
  const href = (await tip.getByRole('link', { name: 'Open profile' }).getAttribute('href')) ?? '';
  return {
    tip,
    href,
    text: (await tip.textContent()) ?? '',
    focus: new URLSearchParams(href.split('?')[1]).get('var-focus'),
  };
}
