import type { CallGraph } from '../../model/transforms/callGraph';
import { formatShare, formatValue, type ValueUnit } from '../../model/units';
import { formatChange } from '../components/format';
import type { TooltipRow } from '../components/Tooltip';

/**
 * The tooltip's lines for node `index` of a call graph: flat and cum with their share of the profile (of each side
 * in a diff, with the change), plus how many callers and callees the graph shows for it.
 */
export function graphTooltipRows(graph: CallGraph, index: number, unit: ValueUnit): TooltipRow[] {
  const node = graph.nodes[index];
  if (!node) {
    return [];
  }
  const of = (value: number, whole: number) => `${formatValue(value, unit)} (${formatShare(value, whole)})`;
  let callers = 0;
  let callees = 0;
  for (const edge of graph.edges) {
    callers += edge.to === index ? 1 : 0;
    callees += edge.from === index ? 1 : 0;
  }
  const links = { label: 'Edges', value: `${callers} in, ${callees} out` };
  if (graph.totalRight !== undefined) {
    const right = graph.totalRight;
    return [
      { label: 'Baseline flat', value: of(node.flat, graph.total) },
      { label: 'Comparison flat', value: of(node.flatRight ?? 0, right) },
      { label: 'Flat change', value: formatChange(node.flat, node.flatRight ?? 0, unit) },
      { label: 'Baseline cum', value: of(node.cum, graph.total) },
      { label: 'Comparison cum', value: of(node.cumRight ?? 0, right) },
      { label: 'Cum change', value: formatChange(node.cum, node.cumRight ?? 0, unit) },
      links,
    ];
  }
  return [
    { label: 'Flat', value: of(node.flat, graph.total) },
    { label: 'Cum', value: of(node.cum, graph.total) },
    links,
  ];
}
