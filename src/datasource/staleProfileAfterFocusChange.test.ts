// jsdom lacks what scenes creates when it loads: polyfilled first.
import './testing/scenesJsdom';
import fs from 'fs';
import path from 'path';
import { CoreApp, type AnnotationQuery, type DataSourceInstanceSettings } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { NO_TIME_LIMITS } from '../../sandbox/pyroscope/options';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { httpPost } from '../../tests/support/httpPost';
import { nodeBackendSrv } from '../../tests/support/nodeBackendSrv';
import { ProfileDataSource } from './datasource';
import { installGrafanaCore, syncWithUrl, type GrafanaCore } from './testing/grafanaCore';
import {
  annotationLinks,
  annotationTimes,
  expectedWindow,
  focusMsOf,
  profileScene,
  requester,
  shownWindow,
  type ProfileScene,
  type StoryVariables,
} from './testing/profileScene';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';

/**
 * Issue 17, on Grafana's own dashboard runtime: real `@grafana/scenes` objects (time range, variables, query runners,
 * the annotation layer, URL sync) run our datasource against the Pyroscope test server, with Grafana core's services
 * emulated as core wires them (testing/grafanaCore.ts). Whatever the dashboard's `focus` and `compare` do, every
 * panel shows the window its query asks for under the current values, never one for a value they no longer hold.
 */

const STEP_S = 10;
const START_S = 1_767_225_600; // 2026-01-01T00:00:00Z
const SPIKE_FROM_S = START_S + 30 * STEP_S;
const END_S = START_S + 60 * STEP_S;
const RANGE = { fromMs: START_S * 1000, toMs: END_S * 1000 };
const FOCUS_1 = String((SPIKE_FROM_S + 20) * 1000);
const FOCUS_2 = String((SPIKE_FROM_S - 120) * 1000);
const FOCUS_3 = String((SPIKE_FROM_S + 60) * 1000);
const DS_REF = { type: 'flamelens-pyroscope-datasource', uid: 'flamelens-pyroscope' };
const DEMO = path.join(__dirname, '..', '..', 'provisioning', 'dashboards', 'flamelens-demo.json');

/** A quiet service, then a minute of `flowAdv` (as in tests/moment.integration.test.ts). */
async function seed(server: PyroscopeServer) {
  for (let t = START_S; t < END_S; t += STEP_S) {
    const spike = t >= SPIKE_FROM_S && t < SPIKE_FROM_S + 6 * STEP_S;
    const body = spike ? 'main;serve 100\nmain;flowAdv 900\n' : 'main;serve 100\n';
    const params = new URLSearchParams({
      name: 'moment.cpu{env=it}',
      from: String(t),
      until: String(t + STEP_S),
      format: 'folded',
      sampleRate: '100',
    });
    const res = await httpPost(`${server.url}/ingest?${params}`, body, 'text/plain');
    expect(res.status).toBe(200);
  }
}

let server: PyroscopeServer;
let core: GrafanaCore;
let ds: ProfileDataSource;
let cpu: string;
let current: ProfileScene | undefined;

beforeAll(async () => {
  server = await startPyroscopeServer({ limits: NO_TIME_LIMITS });
  await seed(server);
  const settings = {
    ...DS_REF,
    id: 1,
    name: 'Flamelens Pyroscope',
    url: server.url,
    jsonData: {},
    meta: {},
    access: 'proxy',
    readOnly: true,
  } as unknown as DataSourceInstanceSettings<ProfileDataSourceOptions>;
  core = installGrafanaCore(
    settings,
    () => ds,
    () => current!.scene
  );
  ds = new ProfileDataSource(settings, core.templateSrv, nodeBackendSrv());
  cpu = (await ds.getProfileTypes(RANGE)).find((t) => t.sampleType === 'cpu')!.id;
});
afterAll(() => server.close());

/** The demo dashboard as provisioned: its profile panels' queries and its annotation, on the seeded profile type. */
function provisioned(): { panels: ProfileQuery[]; annotation: AnnotationQuery<ProfileQuery> } {
  const json = JSON.parse(fs.readFileSync(DEMO, 'utf8')) as {
    panels: Array<{ targets?: Array<ProfileQuery & { datasource?: { type?: string } }> }>;
    annotations: { list: Array<AnnotationQuery<ProfileQuery>> };
  };
  const panels = json.panels
    .flatMap((p) => p.targets ?? [])
    .filter((t) => t.datasource?.type === DS_REF.type)
    .map((t) => ({ ...t, profileTypeId: cpu }));
  const annotation = json.annotations.list.find((a) => a.datasource?.type === DS_REF.type)!;
  return { panels, annotation: { ...annotation, target: { ...annotation.target!, profileTypeId: cpu } } };
}

/** A panel query saved before issue 17: no focusVariable, no compare (raw JSON, no migration runs on load). */
function savedWithoutFields(): ProfileQuery {
  return {
    refId: 'A',
    datasource: DS_REF,
    queryType: 'profile',
    profileTypeId: cpu,
    labelSelector: '{service_name="$service"}',
  };
}

/** A query added in the panel editor: Grafana starts it from the datasource's default query. */
function newQuery(): ProfileQuery {
  return { ...ds.getDefaultQuery(CoreApp.Dashboard), ...savedWithoutFields(), queryType: 'profile' };
}

/**
 * Waits until each runner shows the answer to its latest request and no new request came for 200 ms (scenes starts a
 * re-run asynchronously; the annotation layer's answers carry no request id, and the local server answers in ms).
 */
async function settle(s: ProfileScene): Promise<void> {
  let seen = -1;
  let quietPolls = 0;
  for (let i = 0; i < 250; i++) {
    await new Promise((r) => setTimeout(r, 40));
    const delivered = s.runners.every((r) => {
      const mine = core.requests.filter((q) => requester(q) === r);
      return mine.length === 0 || r.state.data?.request?.requestId === mine[mine.length - 1].requestId;
    });
    quietPolls = core.requests.length === seen ? quietPolls + 1 : 0;
    seen = core.requests.length;
    if (delivered && quietPolls >= 5) {
      return;
    }
  }
  throw new Error('the dashboard did not settle');
}

const runsOf = (obj: unknown) => core.requests.filter((q) => requester(q) === obj).length;

/** Every panel shows what its query asks for under the dashboard's current values. */
function expectNoStaleWindow(s: ProfileScene, panels: ProfileQuery[], vars: StoryVariables) {
  s.runners.forEach((runner, i) => {
    const shown = shownWindow(runner);
    // The symptom of issue 17 first: a window around a moment the dashboard no longer holds.
    const focusShown = shown?.focusMs === undefined ? '' : String(shown.focusMs);
    expect({ panel: i, focusShown }).toEqual({ panel: i, focusShown: focusShown && String(focusMsOf(vars)) });
    expect({ panel: i, shown }).toEqual({ panel: i, shown: expectedWindow(panels[i], RANGE, vars) });
  });
}

/** Every variable an annotation link sets is the dashboard's current value, or the one the link means to set. */
function expectFreshLinks(s: ProfileScene, vars: StoryVariables) {
  const links = annotationLinks(s.annotations);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    expect([link.get('from'), link.get('to')]).toEqual([String(RANGE.fromMs), String(RANGE.toMs)]);
    expect(link.get('var-service')).toBe(vars.service);
    const kept = [...link.keys()].filter((k) => k.startsWith('var-') && !['var-focus', 'var-compare'].includes(k));
    for (const key of kept) {
      expect({ key, value: link.get(key) }).toEqual({ key, value: vars[key.slice(4) as keyof StoryVariables] });
    }
  }
}

describe('under Grafana dashboard runtime a profile never shows a stale focus window (issue 17)', () => {
  it('panels follow focus and compare changes, or stay on the dashboard range, for every kind of saved query', async () => {
    const demo = provisioned();
    const panels = [savedWithoutFields(), newQuery(), ...demo.panels];
    const vars: StoryVariables = { focus: FOCUS_1, compare: 'off', service: 'moment', env: 'it' };
    const s = (current = profileScene(RANGE, vars, panels, demo.annotation));
    const stop = s.activate();
    try {
      await settle(s);
      expectNoStaleWindow(s, panels, vars);
      const firstSpikes = annotationTimes(s.annotations);
      expect(firstSpikes.length).toBe(1);
      expectFreshLinks(s, vars);

      for (const change of [
        () => s.variables.focus.setValue((vars.focus = FOCUS_2)),
        () => s.variables.compare.changeValueTo((vars.compare = 'before')),
        () => s.variables.focus.setValue((vars.focus = '')),
        () => s.variables.env.changeValueTo((vars.env = 'prod')),
        () => s.variables.compare.changeValueTo((vars.compare = 'off')),
      ]) {
        change();
        await settle(s);
        expectNoStaleWindow(s, panels, vars);
        // The spikes are found over the dashboard range, which focus and compare do not change.
        expect(annotationTimes(s.annotations)).toEqual(firstSpikes);
        expectFreshLinks(s, vars);
      }
    } finally {
      stop();
    }
  });

  it('a query saved without the fields is not re-run for focus or compare: it reads neither', async () => {
    const panels = [savedWithoutFields()];
    const vars: StoryVariables = { focus: '', compare: 'off', service: 'moment', env: 'it' };
    const s = (current = profileScene(RANGE, vars, panels, provisioned().annotation));
    const stop = s.activate();
    try {
      await settle(s);
      const runs = runsOf(s.runners[0]);
      s.variables.focus.setValue((vars.focus = FOCUS_1));
      s.variables.compare.changeValueTo((vars.compare = 'before'));
      await settle(s);
      expect(runsOf(s.runners[0])).toBe(runs);
      expect(shownWindow(s.runners[0])).toEqual({ ...RANGE });
    } finally {
      stop();
    }
  });

  it('URL navigation that changes only var-focus re-runs the panels that follow it; links keep other variables', async () => {
    const demo = provisioned();
    const panels = [savedWithoutFields(), ...demo.panels];
    const vars: StoryVariables = { focus: '', compare: 'off', service: 'moment', env: 'it' };
    locationService.replace('/d/flamelens-demo');
    const s = (current = profileScene(RANGE, vars, panels, demo.annotation));
    const stopUrl = syncWithUrl(s.scene);
    const stop = s.activate();
    try {
      await settle(s);
      s.variables.env.changeValueTo((vars.env = 'prod'));
      await settle(s);
      locationService.partial({ 'var-focus': FOCUS_3 });
      vars.focus = FOCUS_3;
      await settle(s);
      expect(s.variables.focus.getValue()).toBe(FOCUS_3);
      expectNoStaleWindow(s, panels, vars);

      // Following the annotation's "Compare with before" link: focus and compare change, env keeps its value.
      const compareLink = annotationLinks(s.annotations).find((l) => l.get('var-compare') === 'before')!;
      locationService.push(`/d/flamelens-demo?${compareLink.toString()}`);
      vars.focus = compareLink.get('var-focus')!;
      vars.compare = 'before';
      await settle(s);
      expect(s.variables.env.getValue()).toBe('prod');
      expectNoStaleWindow(s, panels, vars);
      expectFreshLinks(s, vars);
    } finally {
      stop();
      stopUrl();
    }
  });
});
