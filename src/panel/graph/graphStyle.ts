import type { DiffPalette } from '../../model/contract';
import type { CallGraph, CallGraphEdge, CallGraphNode } from '../../model/transforms/callGraph';
import { formatShare, formatValue, type ValueUnit } from '../../model/units';
import { diffColor, valueColor, type ThemeMode } from '../render/colors';
import { displayText } from '../render/displayText';

/*
 * How each node and edge of a call graph looks, before layout: the lines of a node's label, its font size and box
 * size, its fill; an edge's width, label and dash. Pure, so the sizes the layout engine gets and the SVG the view
 * draws come from one place and are tested without a DOM.
 *
 * The rules follow what `go tool pprof -dot` shows, in our own terms:
 * - a node's label is its name, then "flat (share)", then "of cum (share)" (one line when flat equals cum);
 * - the font grows with the node's flat value (square root of its part of the largest flat, 9 px to 24 px), so the
 *   functions that spend the most on their own stand out;
 * - the fill says how much of the profile runs through the node (cum share), on the panel's value ramp; in a diff,
 *   how the node's cum share changed, on the panel's diff palette;
 * - an edge is 1 px to 6 px wide by its weight's share of the total, labelled with the weight; an edge that stands for
 *   a path through dropped nodes (residual) is dashed.
 */

/** Smallest and largest node font size, css px. */
export const MIN_FONT_PX = 9;
export const MAX_FONT_PX = 24;
/** Longest name drawn in a box, in characters; longer names keep their end (the function) after `…`. */
export const MAX_LABEL_CHARS = 48;
/** Average advance of a character as a fraction of the font size (the label font is a sans-serif). */
const CHAR_WIDTH_EM = 0.58;
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT_EM = 1.25;
/** Padding inside a box, css px. */
export const BOX_PAD_X = 8;
export const BOX_PAD_Y = 5;
/** Widest and narrowest edge, css px. */
export const MIN_EDGE_PX = 1;
export const MAX_EDGE_PX = 6;

/** What a node looks like: label lines, font size, box size, fill, and what it says to screen readers. */
export interface NodeStyle {
  lines: string[];
  /** Font size of the name line, css px; the value lines use the same size. */
  fontPx: number;
  width: number;
  height: number;
  fill: string;
  /** Text colour that reads on `fill`. */
  textColor: string;
  /** Spoken name: name, flat and cum with their shares. */
  ariaLabel: string;
}

/** What an edge looks like. */
export interface EdgeStyle {
  widthPx: number;
  label: string;
  dashed: boolean;
  color: string;
  ariaLabel: string;
}

/** Inputs of `graphStyles` besides the graph. */
export interface GraphStyleOptions {
  unit: ValueUnit;
  theme: ThemeMode;
  diffPalette?: DiffPalette;
}

/** Styles of every node and edge of `graph`, index for index. */
export function graphStyles(graph: CallGraph, options: GraphStyleOptions): { nodes: NodeStyle[]; edges: EdgeStyle[] } {
  let maxFlat = 0;
  for (const node of graph.nodes) {
    maxFlat = Math.max(maxFlat, Math.abs(node.flat) + Math.abs(node.flatRight ?? 0));
  }
  return {
    nodes: graph.nodes.map((node) => nodeStyle(node, graph, maxFlat, options)),
    edges: graph.edges.map((edge) => edgeStyle(edge, graph, options)),
  };
}

/** Font size of a node whose flat value is `flat` when the largest flat value of the graph is `maxFlat`. */
export function nodeFontPx(flat: number, maxFlat: number): number {
  if (!(maxFlat > 0) || !(flat > 0)) {
    return MIN_FONT_PX;
  }
  const t = Math.sqrt(Math.min(1, flat / maxFlat));
  return Math.round(MIN_FONT_PX + (MAX_FONT_PX - MIN_FONT_PX) * t);
}

/** A name cut to `MAX_LABEL_CHARS`, keeping its end, which names the function (packages and classes come first). */
export function shortLabel(name: string): string {
  const text = displayText(name);
  const chars = Array.from(text);
  if (chars.length <= MAX_LABEL_CHARS) {
    return text;
  }
  return `…${chars.slice(chars.length - (MAX_LABEL_CHARS - 1)).join('')}`;
}

/** Estimated width of `text` at `fontPx` (the layout needs sizes before anything is drawn). */
export function textWidth(text: string, fontPx: number): number {
  let width = 0;
  for (const ch of text) {
    // Wide (CJK, emoji) characters take about two advances.
    width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  }
  return width * fontPx * CHAR_WIDTH_EM;
}

function nodeStyle(node: CallGraphNode, graph: CallGraph, maxFlat: number, options: GraphStyleOptions): NodeStyle {
  const { unit, theme } = options;
  const diff = graph.totalRight !== undefined;
  const lines = [shortLabel(node.name), ...valueLines(node, graph, unit)];
  const fontPx = nodeFontPx(Math.abs(node.flat) + Math.abs(node.flatRight ?? 0), maxFlat);
  const textW = Math.max(...lines.map((line) => textWidth(line, fontPx)));
  const fill = diff
    ? diffColor(
        share(node.cum, graph.total),
        share(node.cumRight ?? 0, graph.totalRight ?? 0),
        theme,
        options.diffPalette
      )
    : valueColor(share(node.cum, graph.total), theme);
  return {
    lines,
    fontPx,
    width: Math.ceil(textW + 2 * BOX_PAD_X),
    height: Math.ceil(lines.length * fontPx * LINE_HEIGHT_EM + 2 * BOX_PAD_Y),
    fill,
    textColor: theme === 'dark' ? '#f2f2f5' : '#1f1f24',
    ariaLabel: `${displayText(node.name)}: ${valueLines(node, graph, unit).join(', ')}`,
  };
}

/** The value lines of a node's label: flat and cum with shares (per side in a diff). */
export function valueLines(node: CallGraphNode, graph: CallGraph, unit: ValueUnit): string[] {
  const pair = (value: number, whole: number) => `${formatValue(value, unit)} (${formatShare(value, whole)})`;
  if (graph.totalRight !== undefined) {
    const right = graph.totalRight;
    return [
      `flat ${pair(node.flat, graph.total)} → ${pair(node.flatRight ?? 0, right)}`,
      `cum ${pair(node.cum, graph.total)} → ${pair(node.cumRight ?? 0, right)}`,
    ];
  }
  if (node.flat === node.cum) {
    return [pair(node.flat, graph.total)];
  }
  return [pair(node.flat, graph.total), `of ${pair(node.cum, graph.total)}`];
}

/** Width of an edge of `weight` in a graph of `total`. */
export function edgeWidthPx(weight: number, total: number): number {
  const t = total > 0 ? Math.min(1, Math.abs(weight) / total) : 0;
  return Math.round((MIN_EDGE_PX + (MAX_EDGE_PX - MIN_EDGE_PX) * t) * 10) / 10;
}

function edgeStyle(edge: CallGraphEdge, graph: CallGraph, options: GraphStyleOptions): EdgeStyle {
  const { unit, theme } = options;
  const diff = graph.totalRight !== undefined;
  const both = Math.abs(edge.weight) + Math.abs(edge.weightRight ?? 0);
  const label = diff
    ? `${formatValue(edge.weight, unit)} → ${formatValue(edge.weightRight ?? 0, unit)}`
    : formatValue(edge.weight, unit);
  const from = graph.nodes[edge.from]?.name ?? '';
  const to = graph.nodes[edge.to]?.name ?? '';
  return {
    widthPx: edgeWidthPx(both, graph.total + (graph.totalRight ?? 0)),
    label,
    dashed: edge.residual,
    color: theme === 'dark' ? '#a3a6ae' : '#6e7079',
    ariaLabel: `${displayText(from)} calls ${displayText(to)}${edge.residual ? ' (through dropped nodes)' : ''}: ${label}`,
  };
}

function share(value: number, whole: number): number {
  return whole > 0 ? value / whole : 0;
}
