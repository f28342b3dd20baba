/**
 * The benchmark cases: flame graph frames built inside the page (so a 1M-node frame never crosses the CDP wire, and
 * both implementations get frames made by the very same code), plus the bars the runner clicks and hovers.
 *
 * Browser code, bundled into `kit.js` (see bundle.ts); it only imports the pure model.
 */
import type { DataFrame } from '@grafana/data';

import { profileToDataFrame } from '../../src/model/frame';
import { indexOf, type Profile } from '../../src/model/profile';
import { syntheticProfile } from '../syntheticProfile';

export type CaseId = 'synthetic-10k' | 'synthetic-100k' | 'synthetic-1M' | 'deep-10000' | 'wide-500000';

/** What the runner needs to know about a case; nothing here is timed. */
export interface CaseSpec {
  id: CaseId;
  /** Timed first-paint runs per implementation (each followed by the interaction measurements). */
  runs: number;
  /** Give up waiting for a paint after this long. */
  timeoutMs: number;
  /** What the search box is given: matches a subset of the names. */
  searchTerm: string;
}

export const CASES: readonly CaseSpec[] = [
  { id: 'synthetic-10k', runs: 5, timeoutMs: 15_000, searchTerm: 'Merge' },
  { id: 'synthetic-100k', runs: 5, timeoutMs: 30_000, searchTerm: 'Merge' },
  { id: 'synthetic-1M', runs: 3, timeoutMs: 90_000, searchTerm: 'Merge' },
  { id: 'deep-10000', runs: 3, timeoutMs: 30_000, searchTerm: 'frame42' },
  { id: 'wide-500000', runs: 3, timeoutMs: 45_000, searchTerm: 'leaf_00042' },
];

/** A bar to click or hover, in frame terms; the runner maps it to css px per implementation. */
export interface BarTarget {
  /** Row of the node in the frame (root = 0). */
  level: number;
  /**
   * Row Grafana draws it in: @grafana/flamegraph collapses single-child chains (child > 99% of its parent) into one
   * row by default, which moves every descendant of a hidden chain member up a row.
   */
  grafanaRow: number;
  /** Horizontal extent as fractions of the root's width. */
  startFrac: number;
  endFrac: number;
  name: string;
}

/** A bar whose focus click is timed to changed pixels, with what kind of bar it is. */
export interface FocusTarget {
  /** `level-1 ~7%`, `level-1 wide`, `level-1 narrow`, `deep`: stable labels the runner prints. */
  label: string;
  bar: BarTarget;
}

/** Width of the issue's case: a level-1 frame of about 7% of the graph. */
const ISSUE_FRACTION = 0.07;
/** The label of the bar the focus ratio target is about: level 1, `ISSUE_FRACTION` of the total wide. */
export const ISSUE_BAR = 'level-1 ~7%';
/** A narrow bar that is still clickable on both sides (about 6 css px in a 600 px graph). */
const NARROW_FRACTION = 0.01;
/** The deep target: the widest bar of this row, or of the deepest row above it with a bar wide enough to click. */
const DEEP_LEVEL = 20;
const DEEP_MIN_FRACTION = 0.004;

export interface CaseFrame {
  frame: DataFrame;
  nodes: number;
  maxLevel: number;
  /** The bar focus clicks: the widest node on level 2 (a real zoom, not the whole graph). */
  focus: BarTarget;
  /** Bars hover visits in turn: the widest node of levels 1, 2 and 3 (different bars, so each move is a change). */
  hover: BarTarget[];
  /** Bars whose click → changed pixels is timed: level 1 of about 7%, the widest and a narrow level-1 bar, a deep one. */
  focusTargets: FocusTarget[];
}

/** Builds the frame and targets of a case. */
export function makeCase(id: CaseId): CaseFrame {
  const profile = makeProfile(id);
  return { frame: profileToDataFrame(profile), ...describeProfile(profile) };
}

function makeProfile(id: CaseId): Profile {
  switch (id) {
    case 'synthetic-10k':
      return syntheticProfile(10_000, 1);
    case 'synthetic-100k':
      return syntheticProfile(100_000, 2);
    case 'synthetic-1M':
      return syntheticProfile(1_000_000, 3);
    case 'deep-10000':
      return deepChain(10_000);
    case 'wide-500000':
      return wideNode(500_000);
  }
}

/** `total` → frame0 → frame1 → … → frame{depth-1}: one stack `depth` levels deep below the root. */
function deepChain(depth: number): Profile {
  const n = depth + 1;
  const names = ['total'];
  const level = new Int32Array(n);
  const nameId = new Int32Array(n);
  const total = new Float64Array(n).fill(1e10);
  const self = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    names.push(`github.com/bench/deep.frame${i - 1}`);
    level[i] = i;
    nameId[i] = i;
  }
  self[n - 1] = 1e10;
  return { names, level, nameId, total, self, unit: 'nanoseconds' };
}

/**
 * `total` → `main` → `handler` → `children` leaves. The first 8 leaves carry about half of the value, so some bars
 * are wide enough to see and click; the rest are sub-pixel.
 */
function wideNode(children: number): Profile {
  const n = 3 + children;
  const names = ['total', 'main.main', 'net/http.(*conn).serve'];
  const level = new Int32Array(n);
  const nameId = new Int32Array(n);
  const total = new Float64Array(n);
  const self = new Float64Array(n);
  level[1] = 1;
  nameId[1] = 1;
  level[2] = 2;
  nameId[2] = 2;
  let sum = 0;
  for (let c = 0; c < children; c++) {
    const i = 3 + c;
    names.push(`github.com/bench/wide.leaf_${String(c).padStart(6, '0')}`);
    level[i] = 3;
    nameId[i] = i;
    const v = (c < 8 ? 3_000_000 : 1 + (c % 97)) * 10_000;
    total[i] = v;
    self[i] = v;
    sum += v;
  }
  total[0] = total[1] = total[2] = sum;
  return { names, level, nameId, total, self, unit: 'nanoseconds' };
}

/** One pass over the nested set: start offsets, Grafana's collapsed rows, and the widest node of levels 1–3. */
function describeProfile(p: Profile): Omit<CaseFrame, 'frame'> {
  const n = p.level.length;
  const { subtreeEnd, maxLevel } = indexOf(p);
  // Per depth on the current path: the open node, where its next child starts, and how many rows Grafana's
  // collapsing has removed above its children.
  const openNode = new Int32Array(maxLevel + 1);
  const nextStart = new Float64Array(maxLevel + 2);
  const hiddenAbove = new Int32Array(maxLevel + 2);
  const best: Array<{ node: number; start: number; row: number } | undefined> = [];
  const rootTotal = p.total[0] || 1;
  const starts = new Float64Array(n);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lv = p.level[i];
    const start = lv === 0 ? 0 : nextStart[lv];
    starts[i] = start;
    if (lv > 0) {
      nextStart[lv] = start + p.total[i];
    }
    openNode[lv] = i;
    nextStart[lv + 1] = start;
    const parentHidden = lv > 0 ? hiddenAbove[lv] : 0;
    // Grafana hides a node in its parent's row when it is the parent's only child with > 99% of its value.
    const onlyChild = lv > 0 && p.level[i - 1] === lv - 1 && (subtreeEnd[i] === n || p.level[subtreeEnd[i]] < lv);
    const hiddenSelf = onlyChild && p.total[i] > p.total[openNode[lv - 1]] * 0.99 ? 1 : 0;
    hiddenAbove[lv + 1] = parentHidden + hiddenSelf;
    rows[i] = lv - parentHidden - hiddenSelf;
    if (lv >= 1 && lv <= 3) {
      const current = best[lv];
      if (!current || p.total[i] > p.total[current.node]) {
        best[lv] = { node: i, start, row: lv - parentHidden - hiddenSelf };
      }
    }
  }
  const target = (lv: number): BarTarget => {
    const b = best[lv] ?? { node: 0, start: 0, row: 0 };
    return {
      level: p.level[b.node],
      grafanaRow: b.row,
      startFrac: b.start / rootTotal,
      endFrac: (b.start + p.total[b.node]) / rootTotal,
      name: p.names[p.nameId[b.node]],
    };
  };
  const bar = (i: number): BarTarget => ({
    level: p.level[i],
    grafanaRow: rows[i],
    startFrac: starts[i] / rootTotal,
    endFrac: (starts[i] + p.total[i]) / rootTotal,
    name: p.names[p.nameId[i]],
  });
  return {
    nodes: n,
    maxLevel,
    focus: target(Math.min(2, maxLevel)),
    hover: [1, 2, 3].filter((lv) => lv <= maxLevel).map(target),
    focusTargets: focusTargets(p, maxLevel).map(({ label, node }) => ({ label, bar: bar(node) })),
  };
}

/** The nodes behind `CaseFrame.focusTargets` (level 1 by width, and the widest bar `DEEP_LEVEL` rows down). */
function focusTargets(p: Profile, maxLevel: number): Array<{ label: string; node: number }> {
  const rootTotal = p.total[0] || 1;
  const levelOne: number[] = [];
  const widest = new Int32Array(maxLevel + 1).fill(-1);
  for (let i = 0; i < p.level.length; i++) {
    const lv = p.level[i];
    if (lv === 1) {
      levelOne.push(i);
    }
    if (widest[lv] < 0 || p.total[i] > p.total[widest[lv]]) {
      widest[lv] = i;
    }
  }
  if (levelOne.length === 0) {
    return [];
  }
  const closestTo = (fraction: number) =>
    levelOne.reduce((a, b) =>
      Math.abs(p.total[b] / rootTotal - fraction) < Math.abs(p.total[a] / rootTotal - fraction) ? b : a
    );
  const out = [
    { label: ISSUE_BAR, node: closestTo(ISSUE_FRACTION) },
    { label: 'level-1 wide', node: widest[1] },
    { label: 'level-1 narrow', node: closestTo(NARROW_FRACTION) },
  ];
  for (let lv = Math.min(DEEP_LEVEL, maxLevel); lv > 1; lv--) {
    if (p.total[widest[lv]] / rootTotal >= DEEP_MIN_FRACTION) {
      out.push({ label: `deep (level ${lv})`, node: widest[lv] });
      break;
    }
  }
  return out;
}
