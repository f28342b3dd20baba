import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `go tool pprof` as a test oracle: runs it on a profile file and reads its `-top` report back as numbers.
 *
 * The Go toolchain comes from Debian's `golang-go` package (CI installs it: `.ci/run`). When it is missing the
 * helpers throw — a test that needs the oracle fails and says how to install it; it is never skipped.
 *
 * Go never touches the network here: the toolchain is used as installed (`GOTOOLCHAIN=local`: a Go of 1.21 or
 * later would otherwise download the toolchain a go.mod asks for; the working directory is a fresh temporary one,
 * without a go.mod), modules are never fetched (`GOPROXY=off`), the user's Go settings are not read (`GOENV=off`,
 * `GOFLAGS` empty), and pprof neither symbolizes (`-symbolize=none`: it would run local binutils or ask a remote
 * symbol server) nor writes outside a temporary `HOME`.
 */

const INSTALL_HINT =
  "the Go toolchain is needed for the pprof oracle tests: install Debian's golang-go (apt-get install golang-go); " +
  'CI installs it in .ci/run';

/** Where Go may write: a per-user temporary directory kept between runs (the build cache makes reruns fast). */
export function goHome(): string {
  const dir = join(tmpdir(), 'flamelens-go');
  mkdirSync(join(dir, 'work'), { recursive: true });
  return dir;
}

/** The environment every Go command of the tests runs with (see the module comment). */
export function goEnv(): NodeJS.ProcessEnv {
  const home = goHome();
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOENV: 'off',
    GOFLAGS: '',
    GOPATH: join(home, 'gopath'),
    GOCACHE: join(home, 'cache'),
    GOTMPDIR: '',
    PPROF_TMPDIR: home,
    CGO_ENABLED: '0',
    LANG: 'C',
  };
}

/** The `go` binary: on PATH, or where Debian and the upstream tarball put it. Throws with install advice. */
export function goBinary(
  searchPath = process.env.PATH ?? '',
  fallbacks = ['/usr/lib/go/bin/go', '/usr/local/go/bin/go']
): string {
  const candidates = [
    ...searchPath
      .split(':')
      .filter((d) => d !== '')
      .map((d) => join(d, 'go')),
    ...fallbacks,
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`no go binary found: ${INSTALL_HINT}`);
  }
  return found;
}

/** Runs `go <args>` offline; returns stdout, throws with stdout and stderr on a non-zero exit. */
export function runGo(args: string[], input?: string): string {
  return runOffline(goBinary(), args, input);
}

/** Runs a program (the go binary, or one it built) in the offline Go environment. */
export function runOffline(program: string, args: string[], input?: string): string {
  try {
    return execFileSync(program, args, {
      cwd: join(goHome(), 'work'),
      env: goEnv(),
      input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string; message: string };
    const what = `${program} ${args.join(' ')}`;
    throw new Error(`${what} failed (${err.status ?? err.message}):\n${err.stderr ?? ''}\n${err.stdout ?? ''}`.trim());
  }
}

// -------------------------------------------------------------------------------------------------------------
// Units, as pprof's internal/measurement scales them.

/** pprof's display units and what one of each is worth in its base unit (bytes, nanoseconds). */
const DISPLAY_UNITS: Record<string, { base: 'bytes' | 'nanoseconds'; factor: number }> = {
  B: { base: 'bytes', factor: 1 },
  kB: { base: 'bytes', factor: 2 ** 10 },
  MB: { base: 'bytes', factor: 2 ** 20 },
  GB: { base: 'bytes', factor: 2 ** 30 },
  TB: { base: 'bytes', factor: 2 ** 40 },
  PB: { base: 'bytes', factor: 2 ** 50 },
  ns: { base: 'nanoseconds', factor: 1 },
  us: { base: 'nanoseconds', factor: 1e3 },
  ms: { base: 'nanoseconds', factor: 1e6 },
  s: { base: 'nanoseconds', factor: 1e9 },
  hrs: { base: 'nanoseconds', factor: 3600e9 },
};

/** A sample unit as pprof reads it (`nanoseconds`, `microseconds`, `bytes`...): its base and factor, if known. */
function sampleUnitFactor(unit: string): { base: 'bytes' | 'nanoseconds'; factor: number } | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2) {
    u = u.replace(/s$/, '');
  }
  const aliases: Record<string, string> = {
    b: 'B',
    byte: 'B',
    kb: 'kB',
    kbyte: 'kB',
    kilobyte: 'kB',
    mb: 'MB',
    mbyte: 'MB',
    megabyte: 'MB',
    gb: 'GB',
    gbyte: 'GB',
    gigabyte: 'GB',
    ns: 'ns',
    nanosecond: 'ns',
    us: 'us',
    μs: 'us',
    microsecond: 'us',
    ms: 'ms',
    millisecond: 'ms',
    s: 's',
    sec: 's',
    second: 's',
    hour: 'hrs',
    hr: 'hrs',
  };
  const name = aliases[u];
  return name ? DISPLAY_UNITS[name] : undefined;
}

/** A value as `-top` printed it, read back in the profile's sample unit. */
export interface PprofValue {
  /** As printed: `250ms`, `458.03MB`, `0`. */
  readonly text: string;
  /** In the sample unit (nanoseconds for `250ms` of a CPU profile). */
  readonly value: number;
  /** How far the true value may be from `value`: half the last printed digit, in the sample unit. */
  readonly tolerance: number;
}

/** Reads a printed value (`%.2f` of the value in the display unit, trailing `.00` dropped, then the unit). */
export function readPprofValue(text: string, sampleUnit: string): PprofValue {
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)([A-Za-zμ*]*)$/.exec(text);
  if (!m) {
    throw new Error(`cannot read pprof value "${text}"`);
  }
  const number = Number(m[1]);
  const from = sampleUnitFactor(sampleUnit);
  if (m[2] === '' || m[2] === sampleUnit) {
    // Printed in the sample unit itself: counts, 0, or a unit pprof does not scale (`objects`), written after the
    // number as the file names it.
    return { text, value: number, tolerance: 0.005 };
  }
  const display = DISPLAY_UNITS[m[2]];
  if (!display || !from || display.base !== from.base) {
    throw new Error(`pprof value "${text}" has unit "${m[2]}", not one of sample unit "${sampleUnit}"`);
  }
  const scale = display.factor / from.factor;
  return { text, value: number * scale, tolerance: 0.005 * scale * (1 + 1e-9) };
}

/** Whether `value` (sample units) prints as `printed` under pprof's rounding. */
export function agreesWithPrinted(value: number, printed: PprofValue): boolean {
  return Math.abs(value - printed.value) <= printed.tolerance + 1e-9 * Math.abs(value);
}

// -------------------------------------------------------------------------------------------------------------
// -top

export interface PprofTopRow {
  /** Function name, without pprof's ` (inline)` / ` (partial-inline)` label. */
  readonly name: string;
  readonly inline: '' | 'inline' | 'partial-inline';
  readonly flat: PprofValue;
  readonly flatPercent: number;
  readonly sumPercent: number;
  readonly cum: PprofValue;
  readonly cumPercent: number;
}

export interface PprofTop {
  /** `Showing nodes accounting for X, …`: the sum of the shown rows' flat values. */
  readonly shown: PprofValue;
  /**
   * `… of Z total`: the profile's total — after the filters with `relativePercentages`, before them without (pprof
   * computes it before applying focus/ignore/hide unless told otherwise).
   */
  readonly total: PprofValue;
  /** The header lines above the table (Type, Time, Active filters, Showing...). */
  readonly header: readonly string[];
  readonly rows: readonly PprofTopRow[];
  /** The exact command line run, for messages. */
  readonly command: string;
}

export interface PprofTopOptions {
  /** Unit of the chosen sample type, as the file names it (`nanoseconds`, `bytes`, `count`). */
  sampleUnit: string;
  /** `-sample_index`: a type name or index; default: the type pprof shows by default. */
  sampleIndex?: string | number;
  focus?: string;
  ignore?: string;
  hide?: string;
  /** `-nodecount`; default: every node. */
  nodeCount?: number;
  /** `-cum`: rows (and the top N) by cumulative value instead of flat. */
  cum?: boolean;
  /** `-unit`: the display unit (`ns`, `B`); default: pprof's choice per report. */
  unit?: string;
  /** `-relative_percentages`: total and percentages of the filtered profile. Default true. */
  relativePercentages?: boolean;
  /** `-nodefraction`; default 0, so no node is dropped as small and the top N is determined by the sort alone. */
  nodeFraction?: number;
}

/** Runs `go tool pprof -top` on `file` and parses the report. */
export function pprofTop(file: string, options: PprofTopOptions): PprofTop {
  const args = ['tool', 'pprof', '-symbolize=none', '-top', `-nodefraction=${options.nodeFraction ?? 0}`];
  if (options.nodeCount !== undefined) {
    args.push(`-nodecount=${options.nodeCount}`);
  }
  if (options.sampleIndex !== undefined) {
    args.push(`-sample_index=${options.sampleIndex}`);
  }
  for (const kind of ['focus', 'ignore', 'hide'] as const) {
    const v = options[kind];
    if (v !== undefined) {
      args.push(`-${kind}=${v}`);
    }
  }
  if (options.cum) {
    args.push('-cum');
  }
  if (options.unit !== undefined) {
    args.push(`-unit=${options.unit}`);
  }
  if (options.relativePercentages ?? true) {
    args.push('-relative_percentages');
  }
  // Absolute: Go runs in its own working directory.
  args.push(resolve(file));
  const stdout = runGo(args);
  return parsePprofTop(stdout, options.sampleUnit, `go ${args.join(' ')}`);
}

const TABLE_HEADER = /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/;
const ROW = /^\s*(\S+)\s+(\S+)%\s+(\S+)%\s+(\S+)\s+(\S+)%  (.*)$/;
const SHOWING = /^Showing nodes accounting for (\S+), \S+ of (\S+) total$/;

/** Parses the text of a `-top` report (exported for its own tests). */
export function parsePprofTop(text: string, sampleUnit: string, command = 'go tool pprof -top'): PprofTop {
  const lines = text.split('\n');
  const headerEnd = lines.findIndex((l) => TABLE_HEADER.test(l));
  if (headerEnd < 0) {
    throw new Error(`no table in the output of ${command}:\n${text}`);
  }
  const header = lines.slice(0, headerEnd);
  const showing = header.map((l) => SHOWING.exec(l.trim())).find((m) => m !== null);
  if (!showing) {
    throw new Error(`no "Showing nodes accounting for" line in the output of ${command}:\n${text}`);
  }
  const rows: PprofTopRow[] = [];
  for (const line of lines.slice(headerEnd + 1)) {
    if (line.trim() === '') {
      continue;
    }
    const m = ROW.exec(line);
    if (!m) {
      throw new Error(`cannot read row "${line}" of ${command}`);
    }
    const label = / \((inline|partial-inline)\)$/.exec(m[6]);
    rows.push({
      name: label ? m[6].slice(0, -label[0].length) : m[6],
      inline: label ? (label[1] as 'inline' | 'partial-inline') : '',
      flat: readPprofValue(m[1], sampleUnit),
      flatPercent: Number(m[2]),
      sumPercent: Number(m[3]),
      cum: readPprofValue(m[4], sampleUnit),
      cumPercent: Number(m[5]),
    });
  }
  return {
    shown: readPprofValue(showing[1], sampleUnit),
    total: readPprofValue(showing[2], sampleUnit),
    header,
    rows,
    command,
  };
}

/**
 * pprof's `-top` order: flat descending, then name, then cum descending (`graph.FlatNameOrder`); with `-cum`, cum
 * descending, then name, then flat descending (`CumNameOrder`). Names compare as Go strings (UTF-8 bytes), which
 * for the names of our fixtures is code unit order.
 */
export function pprofOrder(cum: boolean): (a: TopRowValues, b: TopRowValues) => number {
  const byName = (a: TopRowValues, b: TopRowValues) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return (a, b) => {
    const [p, q] = cum ? [a.cum, b.cum] : [a.flat, b.flat];
    if (p !== q) {
      return q - p;
    }
    const n = byName(a, b);
    if (n !== 0) {
      return n;
    }
    const [r, s] = cum ? [a.flat, b.flat] : [a.cum, b.cum];
    return s - r;
  };
}

/** A row as our top table gives it: exact values in the sample unit. */
export interface TopRowValues {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
}
