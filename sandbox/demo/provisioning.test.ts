/**
 * @jest-environment node
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
  dashboardWithoutPrometheus,
  NO_PROMETHEUS_TITLE,
  prepareProvisioning,
  removeDatasourcesOfType,
} from './provisioning';

const PROVISIONING = resolve(__dirname, '..', '..', 'provisioning');

interface Panel {
  id: number;
  title: string;
  datasource: { type: string; uid: string };
  targets: Array<Record<string, unknown>>;
}

function readDashboard(dir: string): { panels: Panel[] } {
  return JSON.parse(readFileSync(join(dir, 'dashboards', 'flamelens-demo.json'), 'utf8')) as { panels: Panel[] };
}

describe('removeDatasourcesOfType', () => {
  it('drops the matching list items and keeps comments, other items and later keys', () => {
    const yaml = [
      '# header',
      'apiVersion: 1',
      'datasources:',
      '  # the profiles',
      '  - name: A',
      '    type: flamelens-pyroscope-datasource',
      '    jsonData:',
      '      flavor: auto',
      '',
      '  - name: P',
      "    type: 'prometheus'",
      '    url: ${PROMETHEUS_URL}',
      '  - type: prometheus # first key',
      '    name: P2',
      'deleteDatasources:',
      '  - name: Old',
      '    type: prometheus',
      '',
    ].join('\n');
    expect(removeDatasourcesOfType(yaml, 'prometheus')).toBe(
      [
        '# header',
        'apiVersion: 1',
        'datasources:',
        '  # the profiles',
        '  - name: A',
        '    type: flamelens-pyroscope-datasource',
        '    jsonData:',
        '      flavor: auto',
        '',
        'deleteDatasources:',
        '  - name: Old',
        '    type: prometheus',
        '',
      ].join('\n')
    );
  });

  it("removes the demo's Prometheus datasource and nothing else", () => {
    const original = readFileSync(join(PROVISIONING, 'datasources', 'flamelens.yaml'), 'utf8');
    const result = removeDatasourcesOfType(original, 'prometheus');
    expect(result).not.toContain('type: prometheus');
    expect(result).not.toContain('PROMETHEUS_URL}');
    expect(result).toContain('type: flamelens-pyroscope-datasource');
    expect(original.startsWith(result.trimEnd())).toBe(true);
  });
});

describe('dashboardWithoutPrometheus', () => {
  const original = readDashboard(PROVISIONING);
  const result = dashboardWithoutPrometheus(original as unknown as Record<string, unknown>) as unknown as {
    panels: Panel[];
  };

  it('draws the CPU panel from the profiles, with the flame graph query', () => {
    const cpu = result.panels.find((p) => p.id === 1)!;
    const flame = original.panels.find((p) => p.id === 2)!;
    expect(cpu.title).toBe(`CPU usage ${NO_PROMETHEUS_TITLE}`);
    expect(cpu.title).toBe('CPU usage (from profiles; Prometheus not installed)');
    expect(cpu.datasource).toEqual(flame.datasource);
    expect(cpu.targets).toEqual([
      {
        refId: 'A',
        datasource: flame.datasource,
        queryType: 'metrics',
        profileTypeId: flame.targets[0].profileTypeId,
        labelSelector: flame.targets[0].labelSelector,
      },
    ]);
    expect(cpu.targets[0].profileTypeId).toBe('wall:cpu:nanoseconds:wall:nanoseconds');
  });

  it('leaves every other panel as it was', () => {
    expect(result.panels.filter((p) => p.id !== 1)).toEqual(original.panels.filter((p) => p.id !== 1));
    expect(JSON.stringify(result)).not.toMatch(/"type":"prometheus"/);
  });

  it('drops the Prometheus datasource variable and its parameter in the data link, and keeps the others', () => {
    const names = (d: unknown) =>
      (d as { templating: { list: Array<{ name: string }> } }).templating.list.map((v) => v.name);
    expect(names(original)).toContain('prometheus');
    expect(names(result)).toEqual(names(original).filter((n) => n !== 'prometheus'));
    const json = JSON.stringify(result);
    expect(JSON.stringify(original)).toContain('${prometheus');
    expect(json).not.toContain('${prometheus');
    expect(json).toContain('&${pyroscope:queryparam}&var-focus=');
  });
});

describe('prepareProvisioning', () => {
  it('uses provisioning/ itself when Prometheus runs', () => {
    const p = prepareProvisioning(PROVISIONING, true);
    expect(p).toMatchObject({ dir: PROVISIONING, modified: false });
  });

  it('writes a temporary copy without Prometheus, and removes it on cleanup', () => {
    const p = prepareProvisioning(PROVISIONING, false);
    try {
      expect(p.modified).toBe(true);
      expect(p.dir).not.toBe(PROVISIONING);
      expect(readFileSync(join(p.dir, 'datasources', 'flamelens.yaml'), 'utf8')).not.toContain('type: prometheus');
      expect(readDashboard(p.dir).panels[0].title).toContain(NO_PROMETHEUS_TITLE);
      expect(existsSync(join(p.dir, 'plugins', 'apps.yaml'))).toBe(true);
      // The alert rule queries Prometheus: it goes too.
      expect(existsSync(join(PROVISIONING, 'alerting', 'flamelens-demo.yaml'))).toBe(true);
      expect(existsSync(join(p.dir, 'alerting', 'flamelens-demo.yaml'))).toBe(false);
      expect(readDashboard(PROVISIONING).panels[0].title).toBe('CPU usage (Prometheus)');
    } finally {
      p.cleanup();
    }
    expect(existsSync(p.dir)).toBe(false);
  });
});
