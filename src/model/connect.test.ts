import fs from 'fs';
import path from 'path';
import fc from 'fast-check';

import { decodeConnectFlameGraph, decodeConnectFlameGraphDiff } from './connect';
import { encodeConnectFlameGraph } from '../../sandbox/pyroscope/wire/connectFlameGraph';
import { ProfileDecodeError } from './errors';
import { checkProfile, nodeName, rootTotal } from './profile';
import { arbitraryProfile } from './testing/arbitraryProfile';
import { printTree, tree } from './testing/asciiTree';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8')
) as unknown;

describe('decodeConnectFlameGraph', () => {
  it('decodes the recorded SelectMergeStacktraces response with its real totals', () => {
    const p = decodeConnectFlameGraph(fixture, 'nanoseconds');
    expect(p.level.length).toBe(2110);
    expect(rootTotal(p)).toBe(11_100_000_000);
    expect(p.names.length).toBe(1071);
    expect(Math.max(...p.level) + 1).toBe(65);
    expect(nodeName(p, 0)).toBe('total');
    expect(checkProfile(p, 0)).toEqual([]);
  });

  // The API notes' worked example writes self 0 for the leaves; real servers write self = total there.
  it('decodes the worked example of the API notes (self before children, delta-encoded x)', () => {
    const body = {
      flamegraph: {
        names: ['total', 'main', 'foo', 'bar'],
        levels: [
          { values: ['0', '60', '0', '0'] },
          { values: ['0', '60', '10', '1'] },
          { values: ['10', '20', '20', '3', '0', '30', '30', '2'] },
        ],
        total: '60',
        maxSelf: '30',
      },
    };
    const p = decodeConnectFlameGraph(body, 'count');
    expect(printTree(p)).toBe(tree`
      total 60
        main 60
          bar 20
          foo 30
    `);
    expect(Array.from(p.self)).toEqual([0, 10, 20, 30]);
  });

  it('reads numbers as well as int64 strings, and omitted empty fields', () => {
    const p = decodeConnectFlameGraph(
      { flamegraph: { names: ['total', 'a'], levels: [{ values: [0, 5, 0, 0] }, { values: [0, 5, 5, 1] }] } },
      'count'
    );
    expect(rootTotal(p)).toBe(5);
    expect(rootTotal(decodeConnectFlameGraph({}, 'count'))).toBe(0);
    const rootOnly = decodeConnectFlameGraph(
      { flamegraph: { names: ['total'], levels: [{ values: ['0', '0', '0', '0'] }] } },
      'count'
    );
    expect(rootOnly.level.length).toBe(1);
  });

  it.each([
    ['not an object', 'hello', /expected a JSON object/],
    ['bad names', { flamegraph: { names: [1], levels: [] } }, /names/],
    [
      'non-numeric value',
      { flamegraph: { names: ['total'], levels: [{ values: ['x', '1', '0', '0'] }] } },
      /"x" is not a number.*level 0/,
    ],
    [
      'truncated row',
      { flamegraph: { names: ['total'], levels: [{ values: ['0', '1', '0'] }] } },
      /multiple of 4.*level 0/,
    ],
    [
      'name index out of range',
      { flamegraph: { names: ['total'], levels: [{ values: ['0', '1', '1', '7'] }] } },
      /name index 7.*level 0, node 0/,
    ],
    [
      'two roots',
      { flamegraph: { names: ['total'], levels: [{ values: ['0', '1', '1', '0', '0', '1', '1', '0'] }] } },
      /one root/,
    ],
    [
      'orphan node',
      {
        flamegraph: {
          names: ['total', 'a'],
          levels: [{ values: ['0', '5', '5', '0'] }, { values: ['9', '5', '5', '1'] }],
        },
      },
      /no parent.*level 1, node 0/,
    ],
    [
      'children exceed total',
      {
        flamegraph: {
          names: ['total', 'a'],
          levels: [{ values: ['0', '5', '0', '0'] }, { values: ['0', '4', '4', '1', '0', '4', '4', '1'] }],
        },
      },
      /does not equal total.*level 0/,
    ],
    [
      'negative value',
      { flamegraph: { names: ['total'], levels: [{ values: ['0', '-1', '0', '0'] }] } },
      /invalid values/,
    ],
  ])('rejects %s with a ProfileDecodeError that says where', (_what, body, message) => {
    expect(() => decodeConnectFlameGraph(body, 'count')).toThrow(ProfileDecodeError);
    expect(() => decodeConnectFlameGraph(body, 'count')).toThrow(message);
  });

  it('round-trips any profile through the Connect encoding (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        const back = decodeConnectFlameGraph(JSON.parse(JSON.stringify(encodeConnectFlameGraph(p))), p.unit);
        expect(printTree(back)).toBe(printTree(p));
        expect(Array.from(back.self)).toEqual(Array.from(p.self));
      })
    );
  });
});

describe('decodeConnectFlameGraphDiff', () => {
  it('decodes 7 numbers per node with each side delta-encoded on its own', () => {
    const body = {
      flamegraph: {
        names: ['total', 'a', 'b', 'c'],
        levels: [
          { values: ['0', '10', '0', '0', '14', '0', '0'] },
          { values: ['0', '10', '0', '0', '14', '0', '1'] },
          { values: ['0', '10', '10', '0', '4', '4', '2', '0', '0', '0', '0', '10', '10', '3'] },
        ],
        total: '24',
        leftTicks: '10',
        rightTicks: '14',
      },
    };
    const p = decodeConnectFlameGraphDiff(body, 'count');
    expect(printTree(p)).toBe(tree`
      total 10 | 14
        a 10 | 14
          b 10 | 4
          c 0 | 10
    `);
    expect(checkProfile(p)).toEqual([]);
  });

  it('round-trips any diff profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), (p) => {
        const back = decodeConnectFlameGraphDiff(JSON.parse(JSON.stringify(encodeConnectFlameGraph(p))), p.unit);
        expect(printTree(back)).toBe(printTree(p));
      })
    );
  });

  it('matches a slow reference decoder on random inputs (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        const body = encodeConnectFlameGraph(p);
        expect(printTree(decodeConnectFlameGraph(body, p.unit))).toBe(referenceDecode(body.flamegraph));
      })
    );
  });
});

/** Obviously-correct O(n²) decoder: find each node's parent by scanning the row above for the containing span. */
function referenceDecode(fg: { names?: string[]; levels?: Array<{ values?: Array<string | number> }> }): string {
  type Node = { name: string; start: number; total: number; children: Node[] };
  const rows: Node[][] = (fg.levels ?? []).map((l) => {
    const v = (l.values ?? []).map(Number);
    const nodes: Node[] = [];
    let x = 0;
    for (let i = 0; i < v.length; i += 4) {
      const start = x + v[i];
      x = start + v[i + 1];
      nodes.push({ name: (fg.names ?? [])[v[i + 3]], start, total: v[i + 1], children: [] });
    }
    return nodes;
  });
  for (let d = 1; d < rows.length; d++) {
    for (const node of rows[d]) {
      const parent = rows[d - 1].find((p) => node.start >= p.start && node.start < p.start + p.total);
      parent!.children.push(node);
    }
  }
  const lines: string[] = [];
  const walk = (n: Node, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${n.name} ${n.total}`);
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(rows[0][0], 0);
  return lines.join('\n');
}
