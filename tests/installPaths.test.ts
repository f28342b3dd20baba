/** @jest-environment node */
/**
 * The dashboards we ship work on every install path we document: each datasource they name is either a datasource
 * variable of the dashboard (which Grafana fills with the user's datasources of that type) or a uid that the path
 * provisions, and each variable has at least one datasource to choose from. Paths: the provisioning folder
 * (`provisioning/`), docker compose (the folder it mounts, with its environment), the Helm values
 * (`deploy/helm/grafana-values.yaml`), and the release zip in a user's own Grafana (docs/install.md's datasource, plus
 * a Prometheus of the user's under a uid of theirs). Alert rules cannot use variables: the one we provision names
 * the provisioned Prometheus uid, which the paths that ship it must provide.
 */
import fs from 'fs';
import path from 'path';

import { dashboardProblems, datasourceRefs, datasourceVariables } from './support/dashboardDatasources';
import {
  composePath,
  envNames,
  helmPath,
  ownGrafanaPath,
  provisioningFolder,
  type InstallPath,
} from './support/installPaths';

const ROOT = path.join(__dirname, '..');
const PROVISIONING = path.join(ROOT, 'provisioning');

const paths: InstallPath[] = [
  provisioningFolder('provisioning folder', PROVISIONING),
  composePath(path.join(ROOT, 'docker-compose.yaml')),
  helmPath(path.join(ROOT, 'deploy', 'helm', 'grafana-values.yaml')),
  ownGrafanaPath(path.join(ROOT, 'docs', 'install.md')),
];

/** The dashboards we ship: the provisioned ones, and those the app includes (the same file, copied by the build). */
const dashboardFiles = fs
  .readdirSync(path.join(PROVISIONING, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join('provisioning', 'dashboards', f));
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'plugin.json'), 'utf8')) as {
  includes: Array<{ type: string; path?: string }>;
};
const included = app.includes.filter((i) => i.type === 'dashboard').map((i) => i.path ?? '');

const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const demo = read(path.join('provisioning', 'dashboards', 'flamelens-demo.json'));

describe('install paths', () => {
  it('are read from their files', () => {
    expect(paths.map((p) => p.name)).toEqual([
      'provisioning folder',
      'docker compose',
      'Helm',
      'release zip in your own Grafana',
    ]);
    for (const p of paths) {
      expect(p.datasources.map((d) => d.type)).toEqual(
        expect.arrayContaining(['flamelens-pyroscope-datasource', 'prometheus'])
      );
    }
  });

  it('the app includes the provisioned dashboards (the build copies them)', () => {
    expect(included).toEqual(['dashboards/flamelens-demo.json']);
    expect(dashboardFiles).toEqual([path.join('provisioning', 'dashboards', 'flamelens-demo.json')]);
  });

  it.each(paths.filter((p) => p.env).map((p) => [p.name, p] as const))(
    '%s: sets every environment variable its datasources read',
    (_name, p) => {
      const needed = p.datasources.flatMap((d) => envNames(d.url ?? ''));
      expect(needed.length).toBeGreaterThan(0);
      for (const name of needed) {
        expect([name, p.env?.[name]]).toEqual([name, expect.stringMatching(/\S/)]);
      }
    }
  );

  it.each(paths.map((p) => [p.name, p] as const))('%s: its alert rules query datasources it provides', (_name, p) => {
    for (const uid of p.alertRuleDatasources) {
      expect(p.datasources.map((d) => d.uid)).toContain(uid);
    }
  });

  it('the provisioning folder ships the alert rule, on the provisioned Prometheus', () => {
    expect(paths[0].alertRuleDatasources).toEqual(['flamelens-prometheus']);
  });
});

describe.each(dashboardFiles)('%s', (file) => {
  const dashboard = read(file);

  it.each(paths.map((p) => [p.name, p] as const))('works on: %s', (_name, p) => {
    expect(dashboardProblems(dashboard, p)).toEqual([]);
  });

  it('names its datasources only through variables (or Grafana built-ins)', () => {
    const variables = datasourceVariables(dashboard);
    const refs = datasourceRefs(dashboard, variables);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !/^\$\{\w+\}$/.test(r.uid) && r.uid !== '-- Grafana --')).toEqual([]);
  });

  it('its variables start on the datasources the provisioning folder, compose and Helm create', () => {
    for (const variable of datasourceVariables(dashboard)) {
      for (const p of paths.slice(0, 3)) {
        expect([p.name, variable.name, p.datasources.some((d) => d.uid === variable.current)]).toEqual([
          p.name,
          variable.name,
          true,
        ]);
      }
    }
  });
});

describe('the check catches a dashboard that would break (it can fail)', () => {
  const clone = (): Record<string, any> => JSON.parse(JSON.stringify(demo)) as Record<string, any>;
  const [folder, , helm, own] = paths;

  it('a hard-coded uid: fine where it is provisioned, broken in a Grafana without it', () => {
    const d = clone();
    d.panels[0].datasource = { type: 'prometheus', uid: 'flamelens-prometheus' };
    expect(dashboardProblems(d, folder)).toEqual([]);
    expect(dashboardProblems(d, own)).toEqual(['panels[0]: datasource uid flamelens-prometheus is not provided']);
  });

  it('an install path without a Prometheus datasource leaves the variable empty', () => {
    const noPrometheus = { ...helm, datasources: helm.datasources.filter((x) => x.type !== 'prometheus') };
    expect(dashboardProblems(demo, noPrometheus)).toEqual([
      'variable prometheus: no prometheus datasource to choose from',
    ]);
  });

  it('a reference to a variable the dashboard lacks, or of the wrong type', () => {
    const d = clone();
    d.panels[1].targets[0].datasource.uid = '${profiles}';
    d.annotations.list[1].datasource.type = 'prometheus';
    expect(dashboardProblems(d, own)).toEqual([
      'annotations.list[1]: a prometheus reference to ${pyroscope}, which lists flamelens-pyroscope-datasource',
      'panels[1].targets[0]: ${profiles} is no datasource variable of the dashboard',
    ]);
  });

  it('a link that pins a datasource variable to a uid', () => {
    const d = clone();
    d.panels[0].fieldConfig.defaults.links[0].url = '/d/x?var-prometheus=flamelens-prometheus';
    expect(dashboardProblems(d, own)).toEqual([
      'panels[0].fieldConfig.defaults.links[0].url: datasource uid flamelens-prometheus is not provided',
    ]);
  });
});
