/**
 * @jest-environment node
 */
import { agentSeriesLabels, agentVersion, functionLines, workloadFrames } from './workloadShape';

describe('workload shape', () => {
  it('finds function declarations and their 1-based lines', () => {
    const lines = functionLines("'use strict';\nfunction a() {}\n  function nested() {}\nasync function b(x) {}\n");
    expect([...lines]).toEqual([
      ['a', 2],
      ['b', 4],
    ]);
  });

  it('names frames after workload.js, relative to the repository root', () => {
    expect(workloadFrames().flowAdv).toMatch(/^\.\/sandbox\/demo\/workload\.js:flowAdv:\d+$/);
  });

  it('says which function is missing when workload.js changes', () => {
    expect(() => workloadFrames('function flowAdv() {}\n')).toThrow(/no longer declares "function requestTick\("/);
  });

  it("reads the installed agent's version", () => {
    expect(agentVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('splits the profile type id into the labels the server derives', () => {
    expect(
      agentSeriesLabels('memory:inuse_space:bytes:inuse_space:bytes', {
        runtimeVersion: '20.1.0',
        agentVersion: '9.9.9',
      })
    ).toEqual({
      __delta__: 'false',
      __name__: 'memory',
      __period_type__: 'inuse_space',
      __period_unit__: 'bytes',
      __profile_type__: 'memory:inuse_space:bytes:inuse_space:bytes',
      __service_name__: 'demo-workload',
      __type__: 'inuse_space',
      __unit__: 'bytes',
      env: 'demo',
      otel_scope_name: 'com.grafana.pyroscope/nodejs',
      otel_scope_version: '9.9.9',
      process_runtime_name: 'nodejs',
      process_runtime_version: '20.1.0',
      pyroscope_spy: 'nodespy',
      service_name: 'demo-workload',
    });
    expect(() => agentSeriesLabels('wall:cpu')).toThrow(/not a full profile type id/);
  });
});
