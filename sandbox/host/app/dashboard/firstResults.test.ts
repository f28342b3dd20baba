import { LoadingState, getDefaultTimeRange, type PanelData } from '@grafana/data';
import type { SceneQueryRunner, VizPanel } from '@grafana/scenes';
import type { Dashboard } from '@grafana/schema';

import { buildDashboardScene } from './buildDashboardScene';
import { onFirstResults } from './firstResults';

function twoPanels() {
  return buildDashboardScene({
    schemaVersion: 41,
    panels: [
      { id: 1, type: 'timeseries', targets: [{ refId: 'A' }] },
      { id: 2, type: 'flamelens-flamegraph-panel', targets: [{ refId: 'A' }] },
    ],
  } as Dashboard);
}

function answer(panel: VizPanel, state: LoadingState) {
  const data: PanelData = { state, series: [], timeRange: getDefaultTimeRange() };
  (panel.state.$data as SceneQueryRunner).setState({ data });
}

beforeAll(() => {
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
    cb(0);
    return 0;
  });
});

describe('onFirstResults (flamelensHost.ready of a dashboard)', () => {
  it('waits until every panel has its plugin and its first answer, done or failed', () => {
    const scene = twoPanels();
    const [one, two] = [scene.findPanel(1) as VizPanel, scene.findPanel(2) as VizPanel];
    const done = jest.fn();
    onFirstResults(scene, done);
    answer(one, LoadingState.Loading);
    answer(one, LoadingState.Done);
    one.setState({ _pluginLoadError: 'no such plugin' });
    expect(done).not.toHaveBeenCalled();
    answer(two, LoadingState.Error);
    expect(done).not.toHaveBeenCalled();
    two.setState({ _pluginLoadError: 'also missing' });
    expect(done).toHaveBeenCalledTimes(1);
    answer(two, LoadingState.Done);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('tells nothing once cancelled', () => {
    const scene = twoPanels();
    const done = jest.fn();
    onFirstResults(scene, done)();
    for (const id of [1, 2]) {
      const panel = scene.findPanel(id) as VizPanel;
      answer(panel, LoadingState.Done);
      panel.setState({ _pluginLoadError: 'x' });
    }
    expect(done).not.toHaveBeenCalled();
  });
});
