/**
 * Answer bodies for the fault suite, written as each flavor writes them (Connect flame graph
 * levels delta-encoded, int64 as strings; pyroscope-io: flamebearer numbers). Built as text directly, so a
 * 2,000,000-node answer costs the test one string, not an object tree.
 */

/** Node `i` of a shape: its level and name; totals are derived (every leaf has self 1). */
export interface Shape {
  /** Names used, index 0 is the root ("total"). */
  names: string[];
  /** Per level, the nodes as [xDelta, total, self, nameIndex] groups flattened. */
  levels: number[][];
}

/** A root with `children` leaves of value 1 under it: `children + 1` nodes on two levels. */
export function wideShape(children: number, distinctNames = 1000): Shape {
  const names = ['total', ...Array.from({ length: distinctNames }, (_, i) => `pkg${i % 97}.func${i}`)];
  const row: number[] = new Array(children * 4);
  for (let i = 0; i < children; i++) {
    row[i * 4] = 0;
    row[i * 4 + 1] = 1;
    row[i * 4 + 2] = 1;
    row[i * 4 + 3] = 1 + (i % distinctNames);
  }
  return { names, levels: [[0, children, 0, 0], row] };
}

/** One call chain `depth` levels deep (the root included): the leaf has self 1. */
export function deepShape(depth: number): Shape {
  const names = ['total', ...Array.from({ length: 100 }, (_, i) => `recurse.level${i}`)];
  const levels: number[][] = [];
  for (let d = 0; d < depth; d++) {
    levels.push([0, 1, d === depth - 1 ? 1 : 0, d === 0 ? 0 : 1 + (d % 100)]);
  }
  return { names, levels };
}

/** A root with one child per name (value 1 each). */
export function namedShape(childNames: string[]): Shape {
  return {
    names: ['total', ...childNames],
    levels: [[0, childNames.length, 0, 0], childNames.flatMap((_, i) => [0, 1, 1, i + 1])],
  };
}

/** Grafana Pyroscope's SelectMergeStacktraces answer for a shape. */
export function connectFlameGraph(shape: Shape): string {
  const levels = shape.levels.map((row) => `{"values":[${row.map((v) => `"${v}"`).join(',')}]}`).join(',');
  const total = shape.levels[0][1];
  return `{"flamegraph":{"names":${JSON.stringify(shape.names)},"levels":[${levels}],"total":"${total}","maxSelf":"1"}}`;
}

/** pyroscope-io's /render answer (format=json) for a shape, in samples at 100 Hz. */
export function ogRender(shape: Shape): string {
  const levels = shape.levels.map((row) => `[${row.join(',')}]`).join(',');
  const numTicks = shape.levels[0][1];
  return (
    `{"version":1,"flamebearer":{"names":${JSON.stringify(shape.names)},"levels":[${levels}],` +
    `"numTicks":${numTicks},"maxSelf":1},"metadata":{"format":"single","units":"samples","sampleRate":100,` +
    `"name":"cpu","spyName":"gospy","appName":"api.cpu"},` +
    `"timeline":{"startTime":1779729300,"samples":[],"durationDelta":10}}`
  );
}
