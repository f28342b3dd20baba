import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

import { parseTree } from '../../model/testing/asciiTree';
import { callGraph } from '../../model/transforms/callGraph';
import { valueLines } from '../graph/graphStyle';
import { DIMMED_OPACITY } from './CallGraphSvg';
import { CallGraphView } from './CallGraphView';
import { MAX_GRAPH_NODES, parseGraphOption } from './CallGraphControls';

const profile = parseTree(`
  total 100
    main 100
      work 70
        leaf 40
      idle 30
`);

function renderView(overrides: Partial<React.ComponentProps<typeof CallGraphView>> = {}) {
  const onSandwich = jest.fn();
  const view = render(
    <CallGraphView
      profile={profile}
      widthPx={900}
      heightPx={500}
      diffPalette="red-green"
      onSandwich={onSandwich}
      exportBaseName="flamelens_test"
      {...overrides}
    />
  );
  return { ...view, onSandwich };
}

async function nodes(container: HTMLElement): Promise<Element[]> {
  await waitFor(() => expect(container.querySelectorAll('[data-node]').length).toBeGreaterThan(0), {
    timeout: 10_000,
  });
  return Array.from(container.querySelectorAll('[data-node]'));
}

describe('CallGraphView', () => {
  it('draws every node and edge of the transform, with names, values and accessible labels', async () => {
    const { container } = renderView();
    const drawn = await nodes(container);
    const graph = callGraph(profile);
    expect(drawn.map((n) => n.getAttribute('data-name'))).toEqual(graph.nodes.map((n) => n.name));
    graph.nodes.forEach((node, i) => {
      expect(drawn[i].getAttribute('aria-label')).toBe(`${node.name}: ${valueLines(node, graph, 'count').join(', ')}`);
      expect(drawn[i].getAttribute('tabindex')).toBe('0');
      expect(drawn[i].getAttribute('role')).toBe('button');
    });
    const edges = Array.from(container.querySelectorAll('[data-edge]'));
    expect(edges.map((e) => [Number(e.getAttribute('data-from')), Number(e.getAttribute('data-to'))])).toEqual(
      graph.edges.map((e) => [e.from, e.to])
    );
    expect(screen.getByTestId('flamelens-graph-summary').textContent).toContain(`${graph.nodes.length} nodes`);
  });

  it('sandwiches a clicked node, and a node given Enter', async () => {
    const { container, onSandwich } = renderView();
    const drawn = await nodes(container);
    const work = drawn.find((n) => n.getAttribute('data-name') === 'work')!;
    fireEvent.pointerDown(work, { button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(window);
    fireEvent.click(work);
    expect(onSandwich).toHaveBeenLastCalledWith(profile.names.indexOf('work'));
    const leaf = drawn.find((n) => n.getAttribute('data-name') === 'leaf')!;
    fireEvent.keyDown(leaf, { key: 'Enter' });
    expect(onSandwich).toHaveBeenLastCalledWith(profile.names.indexOf('leaf'));
  });

  it('shows a tooltip with flat and cum on hover', async () => {
    const { container } = renderView();
    const drawn = await nodes(container);
    fireEvent.mouseMove(
      drawn.find((n) => n.getAttribute('data-name') === 'work')!,
      { clientX: 50, clientY: 50 }
    );
    const tip = await screen.findByTestId('flamelens-graph-tooltip');
    expect(tip.textContent).toContain('work');
    expect(tip.textContent).toContain('Cum70 (70.00%)');
  });

  it('dims what the search does not match', async () => {
    const matched = new Uint8Array(profile.names.length);
    matched[profile.names.indexOf('leaf')] = 1;
    const { container } = renderView({ matchedNames: matched });
    const drawn = await nodes(container);
    for (const n of drawn) {
      const lit = n.getAttribute('data-name') === 'leaf';
      expect(n.getAttribute('opacity')).toBe(lit ? null : String(DIMMED_OPACITY));
    }
  });

  it('zooms with the buttons and the wheel, and fits again', async () => {
    const { container } = renderView();
    await nodes(container);
    const viewport = container.querySelector('[data-viewport]')!;
    const fitted = viewport.getAttribute('transform');
    fireEvent.click(screen.getByRole('button', { name: /^Zoom in/ }));
    const zoomed = viewport.getAttribute('transform');
    expect(zoomed).not.toBe(fitted);
    act(() => {
      fireEvent.wheel(container.querySelector('[data-testid="flamelens-graph"]')!, { deltaY: 100 });
    });
    expect(viewport.getAttribute('transform')).not.toBe(zoomed);
    fireEvent.click(screen.getByRole('button', { name: /^Fit/ }));
    expect(viewport.getAttribute('transform')).toBe(fitted);
  });

  it('redraws with the node count typed in', async () => {
    const { container } = renderView();
    expect(await nodes(container)).toHaveLength(callGraph(profile).nodes.length);
    const input = screen.getByLabelText('Nodes');
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(container.querySelectorAll('[data-node]')).toHaveLength(2));
  });
});

describe('parseGraphOption', () => {
  it('accepts node counts and fractions in range only', () => {
    expect(parseGraphOption('nodeCount', '80')).toBe(80);
    expect(parseGraphOption('nodeCount', '2.5')).toBeUndefined();
    expect(parseGraphOption('nodeCount', '0')).toBeUndefined();
    // Beyond the cap the main-thread layout would freeze the dashboard for seconds to a minute.
    expect(parseGraphOption('nodeCount', String(MAX_GRAPH_NODES))).toBe(MAX_GRAPH_NODES);
    expect(parseGraphOption('nodeCount', String(MAX_GRAPH_NODES + 1))).toBeUndefined();
    expect(parseGraphOption('nodeFraction', '0.01')).toBe(0.01);
    expect(parseGraphOption('edgeFraction', '1.5')).toBeUndefined();
    expect(parseGraphOption('edgeFraction', '')).toBeUndefined();
  });
});
