import {
  escapeHtml,
  linkHref,
  spikeAnnotationFrame,
  spikeAnnotations,
  type SpikeAnnotationContext,
} from './spikeAnnotations';
import { DEFAULT_SPIKE_RULES } from './spikes';

const CPU = 'wall:cpu:nanoseconds:wall:nanoseconds';
const ctx: SpikeAnnotationContext = {
  refId: 'Anno',
  profileTypeId: CPU,
  labelSelector: '{service_name="demo-workload"}',
  dashboard: { fromMs: 1_000, toMs: 9_000_000 },
  variableParams: 'var-service=demo-workload&var-focus=123&var-compare=before',
  focusVariable: 'focus',
  compareVariable: 'compare',
  pointAt: 'start',
};

/** 15 s buckets of CPU nanoseconds: `cores` x 15 s each. */
function cpuSeries(cores: number[], labels: Record<string, string> = { service_name: 'demo-workload' }) {
  return {
    labels,
    timesMs: cores.map((_, i) => 60_000 + i * 15_000),
    values: cores.map((c) => c * 15e9),
    stepSec: 15,
  };
}

describe('spikeAnnotations', () => {
  const cores = [...Array(10).fill(0.1), 0.9, 0.95, ...Array(5).fill(0.1)];
  const [a] = spikeAnnotations([cpuSeries(cores)], DEFAULT_SPIKE_RULES, ctx);

  it('describes the spike in cores against its baseline, as a region', () => {
    expect(a.title).toBe('Spike: demo-workload');
    expect(a.timeMs).toBe(60_000 + 10 * 15_000);
    expect(a.timeEndMs).toBe(60_000 + 12 * 15_000);
    expect(a.text).toContain('demo-workload: 0.95 cores against a baseline of 0.10 cores (9.5x).');
    expect(a.tags).toEqual(['flamelens', 'spike', 'demo-workload']);
  });

  it('links to the focus moment at the peak and to the comparison, keeping range and variables', () => {
    const hrefs = [...a.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    const open = new URLSearchParams(hrefs[0].slice(1));
    expect(open.get('var-focus')).toBe(String(60_000 + 11 * 15_000 + 7_500));
    expect(open.get('var-service')).toBe('demo-workload');
    expect(open.get('var-compare')).toBe('off');
    expect(open.get('from')).toBe('1000');
    expect(open.get('to')).toBe('9000000');
    const compare = new URLSearchParams(hrefs[1].slice(1));
    expect(compare.get('var-compare')).toBe('before');
    expect(compare.get('var-focus')).toBe(open.get('var-focus'));
  });

  it('places end-stamped buckets (Grafana Pyroscope) one step earlier, and the focus in the peak bucket', () => {
    const [end] = spikeAnnotations([cpuSeries(cores)], DEFAULT_SPIKE_RULES, { ...ctx, pointAt: 'end' });
    expect(end.timeMs).toBe(a.timeMs - 15_000);
    expect(end.timeEndMs).toBe(a.timeEndMs - 15_000);
    // Peak at the bucket stamped 60 s + 11 x 15 s, which covers the 15 s before it: the focus is its middle.
    expect(end.region.peakMs).toBe(60_000 + 11 * 15_000 - 7_500);
  });

  it('escapes service names in the text and names each service of a grouped series', () => {
    const hostile = spikeAnnotations(
      [cpuSeries(cores, { service_name: '<img src=x onerror=alert(1)>' })],
      DEFAULT_SPIKE_RULES,
      ctx
    );
    expect(hostile[0].text).not.toContain('<img');
    expect(hostile[0].text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a"b'c&`)).toBe('a&quot;b&#39;c&amp;');
  });

  it('builds the annotation frame Grafana reads', () => {
    const frame = spikeAnnotationFrame([a], 'Anno');
    expect(frame.meta?.dataTopic).toBe('annotations');
    expect(frame.fields.map((f) => f.name)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    expect(frame.length).toBe(1);
  });

  it('links without other variables when the macro is unknown', () => {
    const href = linkHref({ ...ctx, variableParams: '' }, 42, undefined);
    expect(href).toBe('?from=1000&to=9000000&var-focus=42');
  });
});
