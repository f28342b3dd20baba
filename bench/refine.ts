/**
 * Refine on focus (issue 15 §2, docs/refine-on-focus.md), measured against the Pyroscope test server over HTTP: what
 * a dashboard pays for the whole profile (no node limit), for a cut one (Max nodes), and for refining one focused
 * frame of the cut one (the call site's subtree with the same budget), on the allocations of the real heap profile
 * `go-heap-large` (65,297 nodes). Per request: nodes, answer size, time until the answer is read (server and
 * transfer, on this machine's loopback), decode time; for the refines, the median and the largest over every
 * truncated level-1 frame, and how many of them came back exact. Splicing an answer in is timed too.
 * `REFINE_BUDGETS=1024,16384` picks the node limits. `npm run bench:refine` runs it alone.
 */
import { decodeConnectFlameGraph } from '../src/model/connect';
import { nodeCount, type Profile } from '../src/model/profile';
import { callSiteOf, spliceSubtree, subtreeIsTruncated } from '../src/model/transforms/refine';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../sandbox/pyroscope/seed';
import { startPyroscopeServer } from '../sandbox/pyroscope/server';

const BUDGETS = (process.env.REFINE_BUDGETS ?? '1024,16384').split(',').map(Number);
const T = 1_700_000_000_000;
const TYPE = 'memory:alloc_objects:count:space:bytes';

interface Answer {
  profile: Profile;
  bytes: number;
  fetchMs: number;
  decodeMs: number;
}

async function ask(url: string, maxNodes: number, callSite?: string[]): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${url}/querier.v1.QuerierService/SelectMergeStacktraces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      profileTypeID: TYPE,
      labelSelector: '{service_name="heap"}',
      start: T - 60_000,
      end: T + 60_000,
      maxNodes,
      ...(callSite ? { stackTraceSelector: { callSite: callSite.map((name) => ({ name })) } } : {}),
    }),
  });
  const text = await res.text();
  const fetchMs = performance.now() - started;
  if (res.status !== 200) {
    throw new Error(`SelectMergeStacktraces answered ${res.status}: ${text.slice(0, 200)}`);
  }
  const decoding = performance.now();
  const profile = decodeConnectFlameGraph(JSON.parse(text), 'count');
  return { profile, bytes: Buffer.byteLength(text), fetchMs, decodeMs: performance.now() - decoding };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function row(cells: string[]): string {
  const widths = [40, 13, 21, 21, 17];
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
}

async function main() {
  const server = await startPyroscopeServer({ flavor: 'grafana', limits: NO_TIME_LIMITS });
  try {
    ingestPprofFixture(server.store, { fixture: 'go-heap-large.pb.gz', serviceName: 'heap', timeMs: T });
    await ask(server.url, 1024); // warm-up
    const whole = await ask(server.url, 1 << 20);
    console.log('Refine on focus: go-heap-large allocations on the Pyroscope test server (loopback HTTP)');
    console.log(row(['request', 'nodes', 'answer', 'read', 'decode']));
    console.log(
      row([
        'whole profile (no node limit)',
        String(nodeCount(whole.profile)),
        kb(whole.bytes),
        ms(whole.fetchMs),
        ms(whole.decodeMs),
      ])
    );
    for (const budget of BUDGETS) {
      const cut = await ask(server.url, budget);
      console.log(
        row([
          `cut to Max nodes ${budget}`,
          String(nodeCount(cut.profile)),
          kb(cut.bytes),
          ms(cut.fetchMs),
          ms(cut.decodeMs),
        ])
      );
      const refines: Array<Answer & { exact: boolean; spliceMs: number }> = [];
      for (let i = 1; i < nodeCount(cut.profile); i++) {
        if (cut.profile.level[i] !== 1 || !subtreeIsTruncated(cut.profile, i)) {
          continue;
        }
        const callSite = callSiteOf(cut.profile, i);
        const answer = await ask(server.url, budget, callSite);
        const splicing = performance.now();
        const out = spliceSubtree(cut.profile, callSite, answer.profile);
        refines.push({ ...answer, exact: out.exact, spliceMs: performance.now() - splicing });
      }
      if (refines.length === 0) {
        console.log(row([`  no truncated level-1 frame`, '', '', '', '']));
        continue;
      }
      const stat = (pick: (a: (typeof refines)[number]) => number, fmt: (x: number) => string) =>
        `${fmt(median(refines.map(pick)))} / ${fmt(Math.max(...refines.map(pick)))}`;
      console.log(
        row([
          `  refine a level-1 frame (median / max)`,
          stat((a) => nodeCount(a.profile), String),
          stat((a) => a.bytes, kb),
          stat((a) => a.fetchMs, ms),
          stat((a) => a.decodeMs, ms),
        ])
      );
      const exact = refines.filter((a) => a.exact).length;
      console.log(
        `  ${refines.length} truncated level-1 frames: ${exact} exact after the refine, ${refines.length - exact} ` +
          `cut again at ${budget} nodes; splice ${stat((a) => a.spliceMs, ms)}`
      );
    }
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
