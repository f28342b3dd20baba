import type { Profile } from '../src/model/profile';
import { StackTreeBuilder } from '../src/model/treeBuilder';
import { seededRandom } from '../src/model/seededRandom';

/*
 * Synthetic profiles for benchmarks, shaped like real Go CPU profiles: long package-qualified function names,
 * stacks 10–60 frames deep walking a skewed call graph (hot paths shared, cold tails unique), 10 ms sample ticks
 * in nanoseconds.
 */

const ORGS = ['grafana', 'prometheus', 'hashicorp', 'uber-go', 'golang', 'cockroachdb', 'thanos-io', 'minio'];
const REPOS = ['pyroscope', 'loki', 'mimir', 'tempo', 'consul', 'zap', 'protobuf', 'pebble', 'dskit', 'objstore'];
const PKGS = [
  'pkg/querier',
  'pkg/ingester',
  'pkg/phlaredb/block',
  'pkg/distributor',
  'internal/storage',
  'pkg/util/http',
  'pkg/model',
  'encoding/proto',
  'pkg/iter',
  'pkg/frontend/v2',
];
const TYPES = [
  'Reader',
  'Querier',
  'Ingester',
  'symbolsResolver',
  'rowIterator',
  'Client',
  'Handler',
  'mergeIterator',
  'Tree',
  'BlockQuerier',
];
const VERBS = [
  'Select',
  'Merge',
  'Read',
  'Resolve',
  'Flush',
  'Encode',
  'Decode',
  'Serve',
  'Next',
  'Lookup',
  'Fetch',
  'Compact',
];
const NOUNS = ['Profiles', 'Stacktraces', 'Series', 'Rows', 'Symbols', 'Labels', 'Block', 'Chunk', 'Request', 'Tree'];
const RUNTIME = [
  'runtime.mallocgc',
  'runtime.memmove',
  'runtime.mapaccess2_faststr',
  'runtime.gcBgMarkWorker',
  'runtime.scanobject',
  'runtime.findObject',
  'syscall.Syscall6',
  'runtime.futex',
  'runtime.selectgo',
  'runtime.growslice',
];

/** A Go-like function name such as `github.com/grafana/pyroscope/pkg/querier.(*Querier).SelectProfiles.func2`. */
function functionName(rnd: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  if (i < RUNTIME.length) {
    return RUNTIME[i];
  }
  const pkg = `github.com/${pick(ORGS)}/${pick(REPOS)}/${pick(PKGS)}`;
  const method = `${pick(VERBS)}${pick(NOUNS)}${i % 7 === 0 ? `${i}` : ''}`;
  const recv = rnd() < 0.7 ? `.(*${pick(TYPES)})` : '';
  const closure = rnd() < 0.25 ? `.func${1 + Math.floor(rnd() * 4)}` : '';
  return `${pkg}${recv}.${method}${closure}`;
}

/** Grows a profile with about `targetNodes` nodes by adding random stacks from a skewed call graph. */
export function syntheticProfile(targetNodes: number, seed: number): Profile {
  const rnd = seededRandom(seed);
  const functionCount = Math.max(500, Math.round(targetNodes / 15));
  const builder = new StackTreeBuilder();
  const ids = Array.from({ length: functionCount }, (_, i) => builder.intern(functionName(rnd, i)));
  // Each function calls a few others; low callee slots are picked far more often (hot paths).
  // Functions are handled by position in `ids` (names may repeat, so name ids are not contiguous).
  const callees = ids.map(() =>
    Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => Math.floor(rnd() * functionCount))
  );
  const roots = [10, 11, 12, 13, 14, 15, 16, 17];
  const stack: number[] = [];
  while (builder.nodeCount < targetNodes) {
    stack.length = 0;
    let fn = roots[Math.floor(rnd() ** 2 * roots.length)];
    const depth = 10 + Math.floor(rnd() * 50);
    for (let d = 0; d < depth; d++) {
      stack.push(ids[fn]);
      const next = callees[fn];
      fn = next[Math.floor(rnd() ** 3 * next.length)];
    }
    if (rnd() < 0.3) {
      stack.push(ids[Math.floor(rnd() * RUNTIME.length)]);
    }
    // 10 ms CPU sample ticks, in nanoseconds.
    builder.addStack(stack, 10_000_000 * (1 + Math.floor(rnd() ** 4 * 200)));
  }
  return builder.build('nanoseconds');
}
