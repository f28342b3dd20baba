/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { readAlertRules } from './alerting';
import { formatPromDuration, parsePromDurationSec } from './alertingDuration';

const REPO_PROVISIONING = resolve(__dirname, '..', '..', '..', 'provisioning');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alerting-'));
  mkdirSync(join(dir, 'alerting'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): void {
  writeFileSync(join(dir, 'alerting', name), text);
}

const RULE = `
      - uid: r1
        title: High CPU
        condition: C
        for: 1m
        data:
          - refId: A
            relativeTimeRange: { from: 600, to: 0 }
            datasourceUid: \${PROM_UID}
            model: { expr: 'rate(x[1m]) > $$LIMIT', refId: A }
          - refId: C
            datasourceUid: __expr__
            model: { type: threshold, expression: A, conditions: [{ evaluator: { type: gt, params: [1] } }] }
`;

describe('readAlertRules (Grafana alerting file provisioning)', () => {
  it('reads the demo rule linked to the demo dashboard and its CPU panel', () => {
    const [rule, ...rest] = readAlertRules(join(REPO_PROVISIONING, 'alerting'), {});
    expect(rest).toEqual([]);
    expect(rule).toMatchObject({
      id: 1,
      uid: 'flamelens-demo-cpu-high',
      title: 'Demo workload CPU high',
      condition: 'C',
      forSec: 20,
      intervalSec: 10,
      folderTitle: 'Flamelens',
      group: 'flamelens-demo',
      noDataState: 'OK',
      annotations: { __dashboardUid__: 'flamelens-demo', __panelId__: '1' },
      labels: { service: 'demo-workload', team: 'flamelens' },
    });
    expect(rule.data.map((q) => [q.refId, q.datasourceUid, q.relativeTimeRange.from])).toEqual([
      ['A', 'flamelens-prometheus', 300],
      ['B', '__expr__', 0],
      ['C', '__expr__', 0],
    ]);
  });

  it('expands ${VAR} everywhere, the query models included, and keeps $$ as a literal $', () => {
    write('a.yaml', `apiVersion: 1\ngroups:\n  - name: g\n    folder: F\n    interval: 20s\n    rules:${RULE}`);
    const [rule] = readAlertRules(join(dir, 'alerting'), { PROM_UID: 'prom-1', LIMIT: 'no' });
    expect(rule.data[0].datasourceUid).toBe('prom-1');
    expect(rule.data[0].model.expr).toBe('rate(x[1m]) > $LIMIT');
    expect(rule.forSec).toBe(60);
  });

  it('turns dashboardUid and panelId into the annotations Grafana stores them as', () => {
    const rule = RULE.replace('for: 1m', 'for: 1m\n        dashboardUid: dash\n        panelId: 7');
    write('a.yaml', `apiVersion: 1\ngroups:\n  - name: g\n    folder: F\n    interval: 1m\n    rules:${rule}`);
    expect(readAlertRules(join(dir, 'alerting'), {})[0].annotations).toEqual({
      __dashboardUid__: 'dash',
      __panelId__: '7',
    });
  });

  it('replaces a rule provisioned again under its uid and applies deleteRules', () => {
    const group = (title: string) =>
      `apiVersion: 1\ngroups:\n  - name: g\n    folder: F\n    interval: 1m\n    rules:${RULE.replace('High CPU', title)}`;
    write('a.yaml', group('first'));
    write('b.yaml', group('second'));
    expect(readAlertRules(join(dir, 'alerting'), {}).map((r) => r.title)).toEqual(['second']);
    write('c.yaml', 'apiVersion: 1\ndeleteRules:\n  - orgId: 1\n    uid: r1\n');
    expect(readAlertRules(join(dir, 'alerting'), {})).toEqual([]);
  });

  it('refuses intervals that are not multiples of the 10 s base interval, as Grafana does', () => {
    write('a.yaml', `apiVersion: 1\ngroups:\n  - name: g\n    folder: F\n    interval: 15s\n    rules:${RULE}`);
    expect(() => readAlertRules(join(dir, 'alerting'), {})).toThrow(/15 second.*multiple of the base interval of 10/);
  });

  it('names the file and the rule when a rule is incomplete', () => {
    write(
      'bad.yaml',
      `apiVersion: 1\ngroups:\n  - name: g\n    folder: F\n    rules:${RULE.replace('condition: C', 'condition: Z')}`
    );
    expect(() => readAlertRules(join(dir, 'alerting'), {})).toThrow(/bad\.yaml.*High CPU.*condition "Z"/);
    write('bad.yaml', 'apiVersion: 2\ngroups: []\n');
    expect(() => readAlertRules(join(dir, 'alerting'), {})).toThrow(/bad\.yaml: apiVersion 2 is not supported/);
    write('bad.yaml', 'apiVersion: 1\ngroups:\n  - folder: F\n');
    expect(() => readAlertRules(join(dir, 'alerting'), {})).toThrow(/needs a name and a folder/);
  });

  it('has no rules without an alerting folder', () => {
    expect(readAlertRules(join(dir, 'missing'), {})).toEqual([]);
  });
});

describe('Prometheus durations', () => {
  it('parses and writes them as Prometheus does', () => {
    expect(parsePromDurationSec('1h30m', 'x')).toBe(5400);
    expect(parsePromDurationSec('0', 'x')).toBe(0);
    expect(parsePromDurationSec('1d', 'x')).toBe(86400);
    expect(() => parsePromDurationSec('30 s', 'for')).toThrow('for: not a valid duration string: "30 s"');
    expect(() => parsePromDurationSec('', 'for')).toThrow(/not a valid duration/);
    expect(formatPromDuration(90)).toBe('1m30s');
    expect(formatPromDuration(0)).toBe('0s');
    expect(formatPromDuration(30)).toBe('30s');
  });
});
