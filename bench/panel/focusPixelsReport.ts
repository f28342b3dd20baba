/**
 * Collects the focus click → changed pixels runs (focusPixels.ts) and prints them: a table per case and target
 * (ours, Grafana, ratio, our main-thread work and longest task), one JSON line per case, target and implementation,
 * and one target line per case (met when every target bar is within both limits).
 */
import { ISSUE_BAR } from './cases';
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

  /**
   * Per case: the ratio target on the issue's bar (level 1, about 7% wide), the work target on every bar, and the
   * other bars' ratios as information. A click's pixels show in the next display frame at the earliest, so our
   * number is our work (2–4 ms) plus the wait for that frame (0–16.7 ms, wherever the click lands): against
   * Grafana's fastest focus (the widest bar, 30–40 ms) that wait alone can be a quarter, whatever the panel does.
   */
  printTargets(): void {
    for (const caseId of FOCUS_PIXEL_CASES) {
      const labels = this.labels.get(caseId) ?? [];
      const ratioLabel = `focus click → changed pixels ≤ ${PIXEL_RATIO_LIMIT}x grafana at ${caseId}, ${ISSUE_BAR} bar`;
      const workLabel = `focus main-thread work < ${WORK_LIMIT_MS} ms on every bar at ${caseId}`;
      if (labels.length === 0) {
        console.log(`target n/a    ${ratioLabel}: not run`);
        console.log(`target n/a    ${workLabel}: not run`);
        continue;
      }
      const measured = labels.map((l) => ({
        label: l,
        ours: this.get(caseId, 'flamelens', l),
        grafana: this.get(caseId, 'grafana', l),
      }));
      const issueBar = measured.find((m) => m.label === ISSUE_BAR);
      if (issueBar?.ours.ms === undefined || issueBar.grafana.ms === undefined) {
        console.log(`target n/a    ${ratioLabel}: not measured`);
      } else {
        const r = issueBar.ours.ms / issueBar.grafana.ms;
        console.log(
          `target ${(r <= PIXEL_RATIO_LIMIT ? 'met' : 'missed').padEnd(6)} ${ratioLabel}: ${r.toFixed(2)}x ` +
            `(ours ${fmt(issueBar.ours.ms)} ms, grafana ${fmt(issueBar.grafana.ms)} ms)`
        );
      }
      const works = measured.map(
        (m) => `${m.label} ${m.ours.workMs === undefined ? 'n/a' : `${fmt(m.ours.workMs)} ms`}`
      );
      const workKnown = measured.every((m) => m.ours.workMs !== undefined);
      const workMet = measured.every((m) => m.ours.workMs !== undefined && m.ours.workMs < WORK_LIMIT_MS);
      console.log(
        `target ${(!workKnown ? 'n/a' : workMet ? 'met' : 'missed').padEnd(6)} ${workLabel}: ${works.join('; ')}`
      );
      const others = measured
        .filter((m) => m.label !== ISSUE_BAR)
        .map((m) =>
          m.ours.ms === undefined || m.grafana.ms === undefined
            ? `${m.label} n/a`
            : `${m.label} ${(m.ours.ms / m.grafana.ms).toFixed(2)}x (${fmt(m.ours.ms)} vs ${fmt(m.grafana.ms)} ms)`
        );
      console.log(
        `target info   focus click → changed pixels vs grafana on the other bars at ${caseId}: ${others.join('; ')} ` +
          '(ours = work + the wait for the next display frame, up to 16.7 ms)'
      );
    }
  }
}
