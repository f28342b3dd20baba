import { DataTopic, FieldType, type DataFrame } from '@grafana/data';

import { parseSelector } from './selector';
import { SERVICE_LABEL, type ProfileSeries, type TimeRangeMs } from '../api/types';
import { seriesDisplay } from './seriesFrames';
import { detectSpikes, type EffectiveSpikeRules, type SpikeRegion } from './spikes';

/** What the annotation text and links need besides the regions. */
export interface SpikeAnnotationContext {
  refId: string;
  profileTypeId: string;
  labelSelector: string;
  /** The dashboard range the links keep (`from`/`to`). */
  dashboard: TimeRangeMs;
  /** The dashboard's other variables as URL parameters (`var-service=api&...`), kept by the links. */
  variableParams: string;
  focusVariable: string;
  /** The compare variable the "Compare with before" link sets (`compare`). */
  compareVariable: string;
  /**
   * What a point's timestamp marks: Grafana Pyroscope's SelectSeries stamps a bucket with its end (it sums the
   * profiles in `(t − step, t]`), pyroscope-io's timeline with its start. Regions and the focus moment are placed on
   * the buckets' real time span.
   */
  pointAt: 'start' | 'end';
}

/** One spike as an annotation: a region with a title, an HTML text with links, and tags. */
export interface SpikeAnnotation {
  timeMs: number;
  timeEndMs: number;
  title: string;
  /** HTML (every dynamic part escaped); Grafana sanitizes annotation text and renders it. */
  text: string;
  tags: string[];
  region: SpikeRegion;
  service: string;
}

/** Finds the spikes of every series and describes each as an annotation. */
export function spikeAnnotations(
  series: ProfileSeries[],
  rules: EffectiveSpikeRules,
  ctx: SpikeAnnotationContext
): SpikeAnnotation[] {
  const display = seriesDisplay(ctx.profileTypeId);
  const fallbackService = serviceOf(ctx.labelSelector);
  const out: SpikeAnnotation[] = [];
  for (const s of series) {
    const values = s.values.map((v) => display.convert(v, s.stepSec));
    const service = s.labels[SERVICE_LABEL] ?? fallbackService;
    const stepMs = s.stepSec * 1000;
    for (const found of detectSpikes(s.timesMs, values, stepMs, rules)) {
      // detectSpikes reads each point as the start of its bucket; move end-stamped buckets back by a step.
      const shift = ctx.pointAt === 'end' ? -stepMs : 0;
      const region = {
        ...found,
        startMs: found.startMs + shift,
        endMs: found.endMs + shift,
        // The middle of the peak bucket: the focus window centred there covers the whole bucket.
        peakMs: found.peakMs + shift + stepMs / 2,
      };
      out.push(describe(region, service, display.unit, ctx));
    }
  }
  return out.sort((a, b) => a.timeMs - b.timeMs);
}

function describe(region: SpikeRegion, service: string, unit: string, ctx: SpikeAnnotationContext): SpikeAnnotation {
  const peak = formatValue(region.peakValue, unit);
  const against = Number.isFinite(region.baseline)
    ? `against a baseline of ${formatValue(region.baseline, unit)}${
        region.baseline > 0 ? ` (${(region.peakValue / region.baseline).toFixed(1)}x)` : ''
      }`
    : 'over the ceiling';
  const profileLink = linkHref(ctx, region.peakMs, undefined);
  const compareLink = linkHref(ctx, region.peakMs, 'before');
  const text =
    `${escapeHtml(service)}: ${escapeHtml(peak)} ${escapeHtml(against)}.<br/>` +
    `<a href="${escapeHtml(profileLink)}">Open profile</a> · ` +
    `<a href="${escapeHtml(compareLink)}">Compare with before</a>`;
  return {
    timeMs: region.startMs,
    timeEndMs: region.endMs,
    title: `Spike: ${service}`,
    text,
    tags: ['flamelens', 'spike', service],
    region,
    service,
  };
}

/**
 * A link relative to the current dashboard (`?…`, so it keeps the dashboard's path): the dashboard range, its other
 * variables, the focus moment at the spike's peak, and for the comparison `compare=before`.
 */
export function linkHref(ctx: SpikeAnnotationContext, focusMs: number, compare: 'before' | undefined): string {
  const params = new URLSearchParams(ctx.variableParams);
  params.set('from', String(Math.round(ctx.dashboard.fromMs)));
  params.set('to', String(Math.round(ctx.dashboard.toMs)));
  params.set(`var-${ctx.focusVariable}`, String(Math.round(focusMs)));
  if (compare) {
    params.set(`var-${ctx.compareVariable}`, compare);
  } else if (params.has(`var-${ctx.compareVariable}`)) {
    params.set(`var-${ctx.compareVariable}`, 'off');
  }
  return `?${params.toString()}`;
}

/** The annotation frame Grafana turns into events (fields time, timeEnd, title, text, tags). */
export function spikeAnnotationFrame(annotations: SpikeAnnotation[], refId: string): DataFrame {
  return {
    refId,
    name: 'spikes',
    length: annotations.length,
    fields: [
      { name: 'time', type: FieldType.time, values: annotations.map((a) => a.timeMs), config: {} },
      { name: 'timeEnd', type: FieldType.time, values: annotations.map((a) => a.timeEndMs), config: {} },
      { name: 'title', type: FieldType.string, values: annotations.map((a) => a.title), config: {} },
      { name: 'text', type: FieldType.string, values: annotations.map((a) => a.text), config: {} },
      { name: 'tags', type: FieldType.other, values: annotations.map((a) => a.tags), config: {} },
    ],
    meta: { dataTopic: DataTopic.Annotations },
  };
}

/** The service a selector names (`service_name="x"`), or the selector itself. */
function serviceOf(selector: string): string {
  try {
    const m = parseSelector(selector).matchers.find((x) => x.name === SERVICE_LABEL && x.op === '=');
    return m?.value || selector;
  } catch {
    return selector;
  }
}

function formatValue(v: number, unit: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = v.toFixed(digits);
  if (unit.startsWith('suffix: ')) {
    return `${n} ${unit.slice('suffix: '.length)}`;
  }
  if (unit === 'Bps') {
    return `${n} B/s`;
  }
  if (unit === 'cps') {
    return `${n}/s`;
  }
  if (unit === 'bytes') {
    return `${n} B`;
  }
  return n;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'
  );
}
