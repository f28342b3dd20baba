import { DataTopic, FieldType, type DataFrame } from '@grafana/data';

import { momentParam } from '../../model/moment';
import { parseSelector } from './selector';
import { SERVICE_LABEL, type ProfileSeries, type TimeRangeMs } from '../api/types';
import { isGauge, seriesDisplay } from './seriesFrames';
import { detectSpikes, peakOf, refineRegion, widenBuckets, type EffectiveSpikeRules, type SpikeRegion } from './spikes';

/** What the annotation text and links need besides the regions. */
export interface SpikeAnnotationContext {
  refId: string;
  profileTypeId: string;
  labelSelector: string;
  /** The dashboard range the links keep (`from`/`to`). */
  dashboard: TimeRangeMs;
  /**
   * The path the links open: the dashboard's, with Grafana's sub-path (`/grafana/d/<uid>/<slug>`). Grafana reads a
   * link that does not start with `/` from the app's root, not from the current page, so the links carry the path.
   */
  dashboardPath: string;
  /** The dashboard's other variables as URL parameters (`var-service=api&...`), kept by the links. */
  variableParams: string;
  focusVariable: string;
  /** The compare variable the "Compare with before" link sets (`compare`). */
  compareVariable: string;
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
  /** The moment the links set: the middle of the peak window, to the second. */
  focusMs: number;
  service: string;
}

/**
 * Finds the spikes of every series and describes each as an annotation. The rules read the series summed into
 * buckets of the rules' step (`rules.stepMs`, rounded up to a whole number of the series' step), so that agents'
 * upload cadence does not alias into spikes; each region is then placed on the series' own buckets (see
 * `refineRegion`): it starts at the first of them over the threshold and ends at the end of the last. Its peak is the
 * highest mean over 30 s of them (`peakOf`), comparable to a metrics panel's rate over 30 s. Buckets lie on a grid of
 * multiples of their step since the epoch (the adapters ask for that), so the same spike gets the same region
 * whatever the dashboard's range. Regions that end before the dashboard's range (found in the history read for the
 * baseline) are left out.
 *
 * A point at t is taken as the bucket `[t, t + step)` on both flavors. pyroscope-io's timeline bucket holds the
 * profiles collected from t on (its 10 s segments). Grafana Pyroscope's point at t sums the profiles stamped in
 * `(t − step, t]`, each stamped with the start of its collection and about a step long (agents upload every 10–15 s,
 * the min step is 15 s), so their CPU time ran in about `(t − step, t + step)`; but the first profile that shows a
 * spike began before the spike did, so `[t, t + step)` puts a region's start within a step of the rise whatever the
 * agents' phase, where `[t − step, t)` put it up to two steps early.
 */
export function spikeAnnotations(
  series: ProfileSeries[],
  rules: EffectiveSpikeRules,
  ctx: SpikeAnnotationContext
): SpikeAnnotation[] {
  const display = seriesDisplay(ctx.profileTypeId);
  const mode = isGauge(ctx.profileTypeId) ? 'average' : 'sum';
  const fallbackService = serviceOf(ctx.labelSelector);
  const out: SpikeAnnotation[] = [];
  for (const s of series) {
    const service = s.labels[SERVICE_LABEL] ?? fallbackService;
    const stepMs = s.stepSec * 1000;
    const wideStepMs = wideStep(stepMs, rules.stepMs);
    const wide = widenBuckets({ timesMs: s.timesMs, values: s.values, stepMs }, wideStepMs, mode);
    const wideValues = wide.values.map((v) => display.convert(v, wideStepMs / 1000));
    const narrow = { timesMs: s.timesMs, values: s.values.map((v) => display.convert(v, s.stepSec)), stepMs };
    for (const found of detectSpikes(wide.timesMs, wideValues, wideStepMs, rules)) {
      const region = peakOf(refineRegion(found, narrow, wideStepMs), narrow, PEAK_SPAN_MS, mode);
      if (region.endMs <= ctx.dashboard.fromMs) {
        continue;
      }
      out.push(describe(region, service, display.unit, ctx));
    }
  }
  return out.sort((a, b) => a.timeMs - b.timeMs);
}

/** What the peak is a mean over (at least one bucket): free of 5, 10, 15 and 30 s upload cadences. */
const PEAK_SPAN_MS = 30_000;

/** The rules' step as a whole number of the series' step (at least one). */
export function wideStep(seriesStepMs: number, rulesStepMs: number): number {
  return Math.max(1, Math.ceil(rulesStepMs / seriesStepMs - 1e-9)) * seriesStepMs;
}

function describe(region: SpikeRegion, service: string, unit: string, ctx: SpikeAnnotationContext): SpikeAnnotation {
  const against = Number.isFinite(region.baseline)
    ? region.baseline > 0
      ? `${formatRatio(region.peakValue / region.baseline)} its baseline of ${formatValue(region.baseline, unit)}`
      : `against a baseline of ${formatValue(region.baseline, unit)}`
    : `over the ceiling of ${formatValue(region.threshold, unit)}`;
  const summary =
    `${service}: peak ${formatValue(region.peakValue, unit)} (mean over ${formatSpan(region.peakSpanMs)}), ${against}; ` +
    `above ${formatValue(region.threshold, unit)} for ${formatSpan(region.endMs - region.startMs)}.`;
  // The middle of the peak window, to the second: the focus window centred there covers all of it.
  const focusMs = Math.round((region.peakMs + region.peakSpanMs / 2) / 1000) * 1000;
  const profileLink = linkHref(ctx, focusMs, undefined);
  const compareLink = linkHref(ctx, focusMs, 'before');
  const text =
    `${escapeHtml(summary)}<br/>` +
    `<a href="${escapeHtml(profileLink)}">Open profile</a> · ` +
    `<a href="${escapeHtml(compareLink)}">Compare with before</a>`;
  return {
    timeMs: region.startMs,
    timeEndMs: region.endMs,
    title: `Spike: ${service}`,
    text,
    tags: ['flamelens', 'spike', service],
    region,
    focusMs,
    service,
  };
}

/**
 * A link to the dashboard (`ctx.dashboardPath` and a query): the dashboard range, its other
 * variables, the focus moment in the form `momentParam` writes (`2026-12-06T23:50:01Z`, readable in the variable box),
 * and for the comparison `compare=before`. Colons stay as they are: they are allowed in a query string.
 */
export function linkHref(ctx: SpikeAnnotationContext, focusMs: number, compare: 'before' | undefined): string {
  const params = new URLSearchParams(ctx.variableParams);
  params.set('from', String(Math.round(ctx.dashboard.fromMs)));
  params.set('to', String(Math.round(ctx.dashboard.toMs)));
  params.set(`var-${ctx.focusVariable}`, momentParam(focusMs));
  if (compare) {
    params.set(`var-${ctx.compareVariable}`, compare);
  } else if (params.has(`var-${ctx.compareVariable}`)) {
    params.set(`var-${ctx.compareVariable}`, 'off');
  }
  return `${ctx.dashboardPath}?${params.toString().replace(/%3A/gi, ':')}`;
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

/** `8.1×`, `12×`. */
function formatRatio(r: number): string {
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** A length of time in words: `15 s`, `1 min 45 s`, `2 h 5 min`. */
export function formatSpan(ms: number): string {
  const totalSec = Math.round(ms / 1000);
  if (totalSec < 60) {
    return `${totalSec} s`;
  }
  const h = Math.floor(totalSec / 3600);
  const min = Math.floor((totalSec % 3600) / 60);
  const sec = totalSec % 60;
  if (h > 0) {
    return min > 0 ? `${h} h ${min} min` : `${h} h`;
  }
  return sec > 0 ? `${min} min ${sec} s` : `${min} min`;
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
