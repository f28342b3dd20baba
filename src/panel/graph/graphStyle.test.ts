import type { CallGraph } from '../../model/transforms/callGraph';
import { diffColor, valueColor } from '../render/colors';
import {
  MAX_EDGE_PX,
  MAX_FONT_PX,
  MAX_LABEL_CHARS,
  MIN_EDGE_PX,
  MIN_FONT_PX,
  edgeWidthPx,
  graphStyles,
  nodeFontPx,
  shortLabel,
  valueLines,
} from './graphStyle';

/** main → work (flat 60) → leaf (flat 30); main flat 10; a residual main → leaf. */
const graph: CallGraph = {
  nodes: [
    { id: 0, nameId: 1, name: 'main', flat: 10, cum: 100 },
    { id: 1, nameId: 2, name: 'work', flat: 60, cum: 90 },
    { id: 2, nameId: 3, name: 'leaf', flat: 30, cum: 30 },
  ],
  edges: [
    { from: 0, to: 1, weight: 90, residual: false },
    { from: 1, to: 2, weight: 25, residual: false },
    { from: 0, to: 2, weight: 5, residual: true },
  ],
  total: 100,
  droppedNodes: 0,
  droppedEdges: 0,
  nodeCutoff: 0.5,
  edgeCutoff: 0.1,
};

describe('graphStyles', () => {
  it('labels a node with its name, flat and cum with shares, one value line when flat equals cum', () => {
    const { nodes } = graphStyles(graph, { unit: 'count', theme: 'light' });
    expect(nodes[1].lines).toEqual(['work', '60 (60.00%)', 'of 90 (90.00%)']);
    expect(nodes[2].lines).toEqual(['leaf', '30 (30.00%)']);
    expect(nodes[1].ariaLabel).toBe('work: 60 (60.00%), of 90 (90.00%)');
  });

  it('grows the font with flat: the largest flat gets the largest font, and boxes fit their text', () => {
    const { nodes } = graphStyles(graph, { unit: 'count', theme: 'light' });
    expect(nodes[1].fontPx).toBe(MAX_FONT_PX);
    expect(nodes[0].fontPx).toBeLessThan(nodes[2].fontPx);
    expect(nodes[2].fontPx).toBeLessThan(nodes[1].fontPx);
    expect(nodes[1].height).toBeGreaterThan(3 * MAX_FONT_PX);
    expect(nodes[1].width).toBeGreaterThan(nodes[0].width);
  });

  it('fills by cum share on the value ramp', () => {
    const { nodes } = graphStyles(graph, { unit: 'count', theme: 'dark' });
    expect(nodes[0].fill).toBe(valueColor(1, 'dark'));
    expect(nodes[2].fill).toBe(valueColor(0.3, 'dark'));
    expect(nodes[0].fill).not.toBe(nodes[2].fill);
  });

  it('fills a diff by change of cum share on the chosen diff palette and labels both sides', () => {
    const diff: CallGraph = {
      ...graph,
      totalRight: 200,
      nodes: graph.nodes.map((n, i) => ({ ...n, flatRight: n.flat * 2, cumRight: i === 2 ? 140 : n.cum * 2 })),
    };
    const { nodes } = graphStyles(diff, { unit: 'count', theme: 'light', diffPalette: 'colorblind' });
    expect(nodes[2].fill).toBe(diffColor(0.3, 0.7, 'light', 'colorblind'));
    expect(nodes[2].fill).not.toBe(diffColor(0.3, 0.7, 'light', 'red-green'));
    expect(nodes[0].fill).toBe(diffColor(1, 1, 'light', 'colorblind'));
    expect(nodes[2].lines[1]).toBe('flat 30 (30.00%) → 60 (30.00%)');
    expect(nodes[2].lines[2]).toBe('cum 30 (30.00%) → 140 (70.00%)');
  });

  it('draws edges wider by weight, labelled with it, residual edges dashed', () => {
    const { edges } = graphStyles(graph, { unit: 'count', theme: 'light' });
    expect(edges.map((e) => e.label)).toEqual(['90', '25', '5']);
    expect(edges.map((e) => e.dashed)).toEqual([false, false, true]);
    expect(edges[0].widthPx).toBeGreaterThan(edges[1].widthPx);
    expect(edges[2].ariaLabel).toBe('main calls leaf (through dropped nodes): 5');
  });
});

describe('helpers', () => {
  it('bounds font sizes and edge widths', () => {
    expect(nodeFontPx(0, 10)).toBe(MIN_FONT_PX);
    expect(nodeFontPx(10, 10)).toBe(MAX_FONT_PX);
    expect(nodeFontPx(5, 0)).toBe(MIN_FONT_PX);
    expect(edgeWidthPx(0, 100)).toBe(MIN_EDGE_PX);
    expect(edgeWidthPx(100, 100)).toBe(MAX_EDGE_PX);
    expect(edgeWidthPx(1e9, 100)).toBe(MAX_EDGE_PX);
  });

  it('keeps the end of long names, drops bidi controls', () => {
    const long = `github.com/acme/${'x'.repeat(80)}.(*Server).Handle`;
    const short = shortLabel(long);
    expect(Array.from(short)).toHaveLength(MAX_LABEL_CHARS);
    expect(short.startsWith('…')).toBe(true);
    expect(short.endsWith('.(*Server).Handle')).toBe(true);
    expect(shortLabel('main.\u202Egnp.exe')).toBe('main.gnp.exe');
  });

  it('formats values in the profile unit', () => {
    expect(valueLines(graph.nodes[2], graph, 'nanoseconds')).toEqual(['30 ns (30.00%)']);
  });
});
