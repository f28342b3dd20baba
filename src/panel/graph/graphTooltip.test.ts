import type { CallGraph } from '../../model/transforms/callGraph';
import { graphTooltipRows } from './graphTooltip';

const graph: CallGraph = {
  nodes: [
    { id: 0, nameId: 1, name: 'main', flat: 0, cum: 2e9 },
    { id: 1, nameId: 2, name: 'work', flat: 1.5e9, cum: 1.5e9 },
  ],
  edges: [{ from: 0, to: 1, weight: 1.5e9, residual: false }],
  total: 2e9,
  droppedNodes: 0,
  droppedEdges: 0,
  nodeCutoff: 0,
  edgeCutoff: 0,
};

describe('graphTooltipRows', () => {
  it('gives flat and cum with shares and the edge counts', () => {
    expect(graphTooltipRows(graph, 1, 'nanoseconds')).toEqual([
      { label: 'Flat', value: '1.5 s (75.00%)' },
      { label: 'Cum', value: '1.5 s (75.00%)' },
      { label: 'Edges', value: '1 in, 0 out' },
    ]);
  });

  it('gives both sides and the change in a diff', () => {
    const diff: CallGraph = {
      ...graph,
      totalRight: 4e9,
      nodes: graph.nodes.map((n) => ({ ...n, flatRight: n.flat * 2, cumRight: n.cum * 2 })),
    };
    const rows = graphTooltipRows(diff, 1, 'nanoseconds');
    expect(rows.map((r) => r.label)).toEqual([
      'Baseline flat',
      'Comparison flat',
      'Flat change',
      'Baseline cum',
      'Comparison cum',
      'Cum change',
      'Edges',
    ]);
    expect(rows[1].value).toBe('3 s (75.00%)');
  });

  it('gives nothing for a node that is not there', () => {
    expect(graphTooltipRows(graph, 5, 'count')).toEqual([]);
  });
});
