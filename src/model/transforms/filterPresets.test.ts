import * as fs from 'fs';
import * as path from 'path';

import { decodePprof } from '../pprof';
import { parseTree, tree } from '../testing/asciiTree';
import { FILTER_PRESETS, filterPreset, presetFilters, type FilterPresetId } from './filterPresets';
import { applyFrameFilters, compileFrameFilter } from './frameFilters';
import { topTable } from './topTable';

function load(file: string, sampleType?: string) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../fixtures/pprof', `${file}.pb.gz`)));
  return decodePprof(bytes, sampleType ? { sampleType } : {}).profile;
}

describe('filter presets', () => {
  it('every pattern is a valid Go regex that hides its examples', () => {
    for (const preset of FILTER_PRESETS) {
      for (const p of preset.patterns) {
        const test = compileFrameFilter({ kind: 'hide', mode: 'regex', pattern: p.pattern });
        expect(typeof test).toBe('function');
        if (typeof test === 'function') {
          expect([p.pattern, p.examples.filter((e) => !test(e))]).toEqual([p.pattern, []]);
        }
        expect(p.examples.length).toBeGreaterThan(0);
        expect(p.what).not.toBe('');
      }
    }
    expect(FILTER_PRESETS.map((p) => p.id)).toEqual(['go', 'node', 'jvm', 'python', 'dotnet']);
  });

  // On each runtime's fixture: the preset hides runtime frames (some value moves or goes), and every application
  // frame named here is still there.
  it.each([
    ['go', 'go-cpu', '', ['main.work', 'main.main', 'main.slowFunction']],
    ['go', 'go-heap', 'inuse_space', ['github.com/pyroscope-io/pyroscope/pkg/storage/tree.newNode']],
    ['node', 'nodejs-cpu', '', ['bikeSearchHandler', '(anonymous)', 'handle']],
    ['jvm', 'java-kafka-cpu', '', ['kafka/server/KafkaApis.handle', 'java/util/regex/Pattern$Slice.match']],
    [
      'dotnet',
      'dotnet-cpu',
      'cpu',
      ['WebApplication1.Controllers!CpuController.fib', 'Microsoft.AspNetCore.Routing!EndpointMiddleware.Invoke'],
    ],
  ] as Array<[FilterPresetId, string, string, string[]]>)('%s on %s %s', (id, file, sampleType, appFrames) => {
    const profile = load(file, sampleType || undefined);
    const { profile: hidden, outcomes } = applyFrameFilters(profile, presetFilters(filterPreset(id)));
    expect(outcomes.some((o) => o.status === 'matched')).toBe(true);
    expect(outcomes.some((o) => o.status === 'invalid')).toBe(false);
    expect(hidden.level.length).toBeLessThan(profile.level.length);
    const names = new Set(Array.from(hidden.nameId, (n) => hidden.names[n]));
    for (const frame of appFrames) {
      expect([frame, names.has(frame)]).toEqual([frame, true]);
    }
    // What is left of the application's frames holds at least the self time it had (runtime self moved to it).
    const before = topTable(profile);
    const after = topTable(hidden);
    const selfOf = (t: ReturnType<typeof topTable>, names: readonly string[], name: string) =>
      t.self[Array.from(t.nameId).findIndex((id) => names[id] === name)];
    for (const frame of appFrames) {
      expect(selfOf(after, hidden.names, frame)).toBeGreaterThanOrEqual(selfOf(before, profile.names, frame));
    }
  });

  it('python on a py-spy shaped tree (there is no Python fixture): interpreter frames go, the program stays', () => {
    const p = parseTree(tree`
      total 100
        threading.py:1016 - _bootstrap_inner 40
          app.py:12 - worker 40
            _PyEval_EvalFrameDefault 40
              app.py:20 - parse 40
        <module> 60
          <frozen importlib._bootstrap>:241 - _call_with_frames_removed 10
            app.py:3 - <module> 10
          main 50
            cfunction_call 30
            compute 20
    `);
    const { profile } = applyFrameFilters(p, presetFilters(filterPreset('python')));
    const names = Array.from(profile.nameId, (n) => profile.names[n]);
    expect(names).toEqual([
      'total',
      '<module>',
      'app.py:3 - <module>',
      'main',
      'compute',
      'app.py:12 - worker',
      'app.py:20 - parse',
    ]);
    expect(profile.total[0]).toBe(100);
  });
});
