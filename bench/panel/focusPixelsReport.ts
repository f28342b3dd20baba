/**
 * Collects the focus click → changed pixels runs (focusPixels.ts) and prints them: a table per case and target
 * (ours, Grafana, ratio, our main-thread work and longest task), one JSON line per case, target and implementation,
 * and one target line per case (met when every target bar is within both limits).
 */
import { FOCUS_PIXEL_CASES, PIXEL_RATIO_LIMIT, WORK_LIMIT_MS, type FocusPixelRun } from './focusPixels';

type Impl = 'grafana' | 'flamelens';

interface Aggregate {
  ms?: number;
  workMs?: number;
  longestTaskMs?: number;
  okRuns: number;
  runs: number;
  statuses: string[];
  via?: string;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) {
    return undefined;
  }
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (v: number | undefined) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

export class FocusPixelLog {
  private readonly runs = new Map<string, FocusPixelRun[]>();
  private readonly labels = new Map<string, string[]>();

  add(caseId: string, impl: Impl, runs: FocusPixelRun[] | undefined): void {
    for (const r of runs ?? []) {
      const key = `${caseId}|${impl}|${r.label}`;
      this.runs.set(key, [...(this.runs.get(key) ?? []), r]);
      const labels = this.labels.get(caseId) ?? [];
      if (!labels.includes(r.label)) {
        this.labels.set(caseId, [...labels, r.label]);
      }
    }
  }

  private get(caseId: string, impl: Impl, label: string): Aggregate {
    const rs = this.runs.get(`${caseId}|${impl}|${label}`) ?? [];
    const ok = rs.filter((r) => r.status === 'ok');
    const pick = (f: (r: FocusPixelRun) => number | undefined) =>
      median(ok.flatMap((r) => (f(r) === undefined ? [] : [f(r) as number])));
    return {
      ms: pick((r) => r.ms),
      workMs: pick((r) => r.workMs),
      longestTaskMs: pick((r) => r.longestTaskMs),
      okRuns: ok.length,
      runs: rs.length,
      statuses: [...new Set(rs.filter((r) => r.status !== 'ok').map((r) => r.status))],
      via: rs.find((r) => r.via)?.via,
    };
  }

  /** The table and the JSON lines. */
  print(): void {
    const header = [
      'case',
      'target bar',
      'ours ms',
      'grafana ms',
      'ours/grafana',
      'ours work ms (longest task)',
      'grafana work ms (longest task)',
    ];
    const rows: string[][] = [header];
    const json: string[] = [];
    for (const [caseId, labels] of this.labels) {
      for (const label of labels) {
        const ours = this.get(caseId, 'flamelens', label);
        const g = this.get(caseId, 'grafana', label);
        const ratio = ours.ms !== undefined && g.ms ? ours.ms / g.ms : undefined;
        const cell = (a: Aggregate, v: number | undefined) =>
          a.okRuns === 0
            ? a.statuses.join(', ') || 'not run'
            : `${fmt(v)}${a.okRuns < a.runs ? ` (${a.okRuns}/${a.runs} ok)` : ''}`;
        rows.push([
          caseId,
          label,
          cell(ours, ours.ms),
          cell(g, g.ms),
          ratio === undefined ? '–' : `${ratio.toFixed(2)}x`,
          `${fmt(ours.workMs)} (${fmt(ours.longestTaskMs)})`,
          `${fmt(g.workMs)} (${fmt(g.longestTaskMs)})`,
        ]);
        for (const [impl, a] of [
          ['flamelens', ours],
          ['grafana', g],
        ] as const) {
          const round = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);
          json.push(
            JSON.stringify({
              bench: 'panel-focus-pixels',
              case: caseId,
              target: label,
              impl,
              clickToPixelsMs: round(a.ms),
              mainThreadWorkMs: round(a.workMs),
              longestTaskMs: round(a.longestTaskMs),
              okRuns: a.okRuns,
              runs: a.runs,
              via: a.via,
              problems: a.statuses,
            })
          );
        }
      }
    }
    console.log('focus: click → first frame with changed canvas pixels (medians; work = main-thread tasks in between)');
    const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    rows.forEach((row, k) => {
      console.log(row.map((c, i) => c.padEnd(widths[i])).join(' │ '));
      if (k === 0) {
        console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
      }
    });
    console.log('');
    for (const j of json) {
      console.log(j);
    }
  }

  /** One target line per case: every bar ≤ 0.25x Grafana's click → pixels and < 16 ms of our main-thread work. */
  printTargets(): void {
    for (const caseId of FOCUS_PIXEL_CASES) {
      const labels = this.labels.get(caseId) ?? [];
      const label = `focus click → changed pixels ≤ ${PIXEL_RATIO_LIMIT}x grafana and < ${WORK_LIMIT_MS} ms work at ${caseId}`;
      if (labels.length === 0) {
        console.log(`target n/a    ${label}: not run`);
        continue;
      }
      const parts: string[] = [];
      let met = true;
      let known = true;
      for (const l of labels) {
        const ours = this.get(caseId, 'flamelens', l);
        const g = this.get(caseId, 'grafana', l);
        if (ours.ms === undefined || g.ms === undefined || ours.workMs === undefined) {
          known = false;
          parts.push(`${l}: n/a`);
          continue;
        }
        const r = ours.ms / g.ms;
        met &&= r <= PIXEL_RATIO_LIMIT && ours.workMs < WORK_LIMIT_MS;
        parts.push(`${l} ${r.toFixed(2)}x, ${fmt(ours.workMs)} ms work`);
      }
      const verdict = !known ? 'n/a' : met ? 'met' : 'missed';
      console.log(`target ${verdict.padEnd(6)} ${label}: ${parts.join('; ')}`);
    }
  }
}
