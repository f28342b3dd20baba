import {
  escapeHtml,
  formatSpan,
  linkHref,
  spikeAnnotationFrame,
  spikeAnnotations,
  wideStep,
  type SpikeAnnotationContext,
} from './spikeAnnotations';
import { DEFAULT_SPIKE_RULES } from './spikes';

const CPU = 'wall:cpu:nanoseconds:wall:nanoseconds';
/** 2027-01-15T08:00:00Z: a multiple of every step used here. */
const START = 1_800_000_000_000;
const STEP = 15_000;

const ctx: SpikeAnnotationContext = {
  refId: 'Anno',
  profileTypeId: CPU,
  labelSelector: '{service_name="demo-workload"}',
  dashboard: { fromMs: START, toMs: START + 3_600_000 },
  dashboardPath: '/grafana/d/demo/flamelens',
  variableParams: 'var-service=demo-workload&var-focus=123&var-compare=before',
  focusVariable: 'focus',
  compareVariable: 'compare',
};

/** 15 s buckets of CPU nanoseconds from `START + first·15 s`: `cores` x 15 s each. */
function cpuSeries(cores: number[], first = 0, labels: Record<string, string> = { service_name: 'demo-workload' }) {
  return {
    labels,
    timesMs: cores.map((_, i) => START + (first + i) * STEP),
    values: cores.map((c) => c * 15e9),
    stepSec: 15,
  };
}

/** Ten quiet minutes (40 buckets of 0.1 cores), then `spike` from bucket 40 on, then quiet again. */
function withSpike(spike: number[], quietAfter = 20): number[] {
  return [...Array(40).fill(0.1), ...spike, ...Array(quietAfter).fill(0.1)];
}

describe('spikeAnnotations', () => {
  // 45 s at 0.9 cores starting 15 s into a minute: buckets 41–43.
  const cores = withSpike([0.1, 0.9, 0.9, 0.9]);
  const [a] = spikeAnnotations([cpuSeries(cores)], DEFAULT_SPIKE_RULES, ctx);

  it('marks the buckets over the threshold: from the first one to the end of the last', () => {
    expect(a.title).toBe('Spike: demo-workload');
    expect(a.timeMs).toBe(START + 41 * STEP);
    expect(a.timeEndMs).toBe(START + 44 * STEP);
    expect(a.tags).toEqual(['flamelens', 'spike', 'demo-workload']);
  });

  it('says the peak, what it is a mean over, its ratio to the baseline and how long the spike lasted', () => {
    expect(a.text).toContain(
      'demo-workload: peak 0.90 cores (mean over 30 s), 9.0× its baseline of 0.10 cores; above 0.15 cores for 45 s.'
    );
  });

  it('starts in the minute before when the spike began too late to lift its mean', () => {
    // 0.28 cores from the last bucket of minute 9 (its mean 0.145 is under 0.15) into minute 10.
    const late = [...Array(39).fill(0.1), 0.28, 0.28, 0.28, ...Array(20).fill(0.1)];
    const [b] = spikeAnnotations([cpuSeries(late)], DEFAULT_SPIKE_RULES, ctx);
    expect(b.timeMs).toBe(START + 39 * STEP);
    expect(b.timeEndMs).toBe(START + 42 * STEP);
  });

  it('gives the same region whatever the series starts at', () => {
    const long = [...Array(60).fill(0.1), ...withSpike([0.1, 0.9, 0.9, 0.9])];
    const regions = [0, 1, 2, 3, 5, 7, 13].map((cut) => {
      const s = cpuSeries(long.slice(cut), cut - 60);
      const [found, ...rest] = spikeAnnotations([s], DEFAULT_SPIKE_RULES, ctx);
      expect(rest).toEqual([]);
      return [found.timeMs, found.timeEndMs, found.focusMs];
    });
    expect(new Set(regions.map(String)).size).toBe(1);
  });

  it('links to the middle of the peak in ISO-8601, and to the comparison, keeping range and variables', () => {
    const hrefs = [...a.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    // Readable in the URL: colons are not escaped.
    expect(hrefs[0]).toContain('var-focus=2027-01-15T08:10:30Z');
    expect(hrefs.map((h) => h.split('?')[0])).toEqual(['/grafana/d/demo/flamelens', '/grafana/d/demo/flamelens']);
    const open = new URLSearchParams(hrefs[0].split('?')[1]);
    expect(open.get('var-focus')).toBe('2027-01-15T08:10:30Z');
    expect(Date.parse(open.get('var-focus')!)).toBe(a.focusMs);
    expect(open.get('var-service')).toBe('demo-workload');
    expect(open.get('var-compare')).toBe('off');
    expect(open.get('from')).toBe(String(START));
    expect(open.get('to')).toBe(String(START + 3_600_000));
    const compare = new URLSearchParams(hrefs[1].split('?')[1]);
    expect(compare.get('var-compare')).toBe('before');
    expect(compare.get('var-focus')).toBe(open.get('var-focus'));
  });

  it('leaves out regions that end before the dashboard range (found in the history read for the baseline)', () => {
    const later = { ...ctx, dashboard: { fromMs: START + 44 * STEP, toMs: START + 3_600_000 } };
    expect(spikeAnnotations([cpuSeries(cores)], DEFAULT_SPIKE_RULES, later)).toEqual([]);
    const during = { ...ctx, dashboard: { fromMs: START + 43 * STEP, toMs: START + 3_600_000 } };
    expect(spikeAnnotations([cpuSeries(cores)], DEFAULT_SPIKE_RULES, during)).toHaveLength(1);
  });

  it('names the ceiling when there is no baseline yet', () => {
    const [c] = spikeAnnotations([cpuSeries([0.9, 0.9, 0.9, 0.9, 0.1])], { ...DEFAULT_SPIKE_RULES, ceiling: 0.8 }, ctx);
    expect(c.text).toContain('demo-workload: peak 0.90 cores (mean over 30 s), over the ceiling of 0.80 cores');
  });

  it('escapes service names in the text and names each service of a grouped series', () => {
    const hostile = spikeAnnotations(
      [cpuSeries(cores, 0, { service_name: '<img src=x onerror=alert(1)>' })],
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
    const href = linkHref({ ...ctx, variableParams: '' }, START + 630_000, undefined);
    expect(href).toBe(`/grafana/d/demo/flamelens?from=${START}&to=${START + 3_600_000}&var-focus=2027-01-15T08:10:30Z`);
  });
});

describe('wideStep and formatSpan', () => {
  it('rounds the rules step up to whole series steps', () => {
    expect(wideStep(15_000, 60_000)).toBe(60_000);
    expect(wideStep(20_000, 60_000)).toBe(60_000);
    expect(wideStep(45_000, 60_000)).toBe(90_000);
    expect(wideStep(120_000, 60_000)).toBe(120_000);
    expect(wideStep(10_000, 60_000)).toBe(60_000);
  });

  it('writes lengths of time in words', () => {
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(105_000)).toBe('1 min 45 s');
    expect(formatSpan(120_000)).toBe('2 min');
    expect(formatSpan(3_900_000)).toBe('1 h 5 min');
  });
});
