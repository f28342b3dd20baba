import fs from 'fs';
import path from 'path';

/** One measured fault: what was done to the datasource and what the user saw. */
export interface FaultRow {
  fault: string;
  flavor: 'Grafana Pyroscope' | 'pyroscope-io';
  seen: string;
  ms: number;
  /** Heap the answer retains, MB (heapUsed after minus before, each after a full GC, while the frames are held). */
  heapMb?: number;
}

/** Writes the suite's table as Markdown (README's Reliability section quotes it). */
export function writeReliabilityTable(rows: FaultRow[], file: string): void {
  const cell = (s: string) =>
    s
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ')
      .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
  const lines = [
    '# Reliability: faults and what the user sees',
    '',
    'Written by `tests/faults.integration.test.ts`: the built `dist/datasource/module.js` against misbehaving HTTP',
    'servers on 127.0.0.1, request timeout set to 0.5 s. Time is the whole query (server, transfer, decode, frame); heap is',
    '`process.memoryUsage().heapUsed` after minus before, each after a full GC, while the frames are held.',
    '',
    '| Fault | Server flavor | What the user sees | Time | Heap |',
    '| --- | --- | --- | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${cell(r.fault)} | ${r.flavor} | ${cell(r.seen)} | ${Math.round(r.ms)} ms | ${
          r.heapMb === undefined ? '' : `${r.heapMb.toFixed(0)} MB`
        } |`
    ),
    '',
  ];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
}
