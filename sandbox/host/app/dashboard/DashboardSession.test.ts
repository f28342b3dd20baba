import { locationService } from '@grafana/runtime';
import type { Dashboard } from '@grafana/schema';

import { HostTemplateSrv } from '../runtime/templateSrv';
import { DashboardSession } from './DashboardSession';

const dashboard = {
  uid: 'demo',
  title: 'Demo',
  time: { from: 'now-30m', to: 'now' },
  timezone: 'utc',
  templating: { list: [{ name: 'env', type: 'custom', query: 'prod, dev' }] },
  panels: [],
} as unknown as Dashboard;

function open(url: string) {
  locationService.push(url);
  const templateSrv = new HostTemplateSrv();
  const session = new DashboardSession(
    { dashboard, meta: {} },
    { templateSrv, dataSourceSrv: { get: jest.fn(), getList: () => [] } }
  );
  session.start();
  return { session, templateSrv };
}

const search = () => locationService.getSearch();
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DashboardSession', () => {
  let session: DashboardSession | undefined;
  afterEach(() => session?.dispose());

  it('writes the dashboard range and the variables into the URL on load', async () => {
    ({ session } = open('/d/demo'));
    await flush();
    expect(search().get('from')).toBe('now-30m');
    expect(search().get('to')).toBe('now');
    expect(search().get('var-env')).toBe('prod');
    expect(session.state$.value.variablesReady).toBe(true);
  });

  it('reads the range from the URL and applies later URL changes (back/forward)', async () => {
    let templateSrv: HostTemplateSrv;
    ({ session, templateSrv } = open('/d/demo?from=1700000000000&to=1700000600000&var-env=dev'));
    await flush();
    expect(session.state$.value.timeRange.from.valueOf()).toBe(1_700_000_000_000);
    expect(templateSrv.replace('$env ${__from}')).toBe('dev 1700000000000');
    const key = session.state$.value.refreshKey;
    session.setTimeRange({ from: 1_700_000_100_000, to: 1_700_000_200_000 });
    expect(search().get('from')).toBe('1700000100000');
    expect(session.state$.value.timeRange.to.valueOf()).toBe(1_700_000_200_000);
    expect(session.state$.value.refreshKey).toBe(key + 1);
    locationService.getHistory().goBack();
    expect(session.state$.value.timeRange.from.valueOf()).toBe(1_700_000_000_000);
  });

  it('zooms out and shifts through the URL', async () => {
    ({ session } = open('/d/demo?from=1000000&to=2000000'));
    await flush();
    session.zoomOut();
    expect([search().get('from'), search().get('to')]).toEqual(['500000', '2500000']);
    session.shift(-1);
    expect([search().get('from'), search().get('to')]).toEqual(['-500000', '1500000']);
  });

  it('keeps the refresh interval in the URL and refreshes on the button', async () => {
    ({ session } = open('/d/demo'));
    await flush();
    session.setRefresh('10s');
    expect(search().get('refresh')).toBe('10s');
    expect(session.state$.value.refresh).toBe('10s');
    const key = session.state$.value.refreshKey;
    session.refresh();
    expect(session.state$.value.refreshKey).toBe(key + 1);
    session.setRefresh('');
    expect(search().has('refresh')).toBe(false);
  });

  it('sets variables through the URL, as a new history entry', async () => {
    let templateSrv: HostTemplateSrv;
    ({ session, templateSrv } = open('/d/demo'));
    await flush();
    session.variables.setValue('env', 'dev');
    await flush();
    expect(search().get('var-env')).toBe('dev');
    expect(templateSrv.replace('$env')).toBe('dev');
    locationService.getHistory().goBack();
    await flush();
    expect(templateSrv.replace('$env')).toBe('prod');
  });
});
