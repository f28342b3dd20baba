import * as fs from 'fs';
import * as path from 'path';

import { loadLineIndex } from './linesCache';

const BYTES = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../fixtures/pprof/go-cpu.pb.gz')));

describe('loadLineIndex', () => {
  it('shares one download per frame; an aborted caller stops waiting without failing the others', async () => {
    let resolve: (b: Uint8Array) => void = () => undefined;
    const source = { fileName: 'f.pb.gz', loadPprof: jest.fn(() => new Promise<Uint8Array>((r) => (resolve = r))) };
    const frame = {};
    const aborted = new AbortController();
    const first = loadLineIndex(frame, source, aborted.signal);
    const second = loadLineIndex(frame, source);
    aborted.abort();
    await expect(first).rejects.toThrow('aborted');
    resolve(BYTES);
    const index = await second;
    expect(index.sampleTypes[index.sampleTypeIndex].type).toBe('cpu');
    expect(await loadLineIndex(frame, source)).toBe(index);
    expect(source.loadPprof).toHaveBeenCalledTimes(1);
  });

  it('downloads again for another source of the same frame, and after a failure', async () => {
    const frame = {};
    const failing = { fileName: 'f.pb.gz', loadPprof: jest.fn(() => Promise.reject(new Error('503'))) };
    await expect(loadLineIndex(frame, failing)).rejects.toThrow('503');
    await expect(loadLineIndex(frame, failing)).rejects.toThrow('503');
    expect(failing.loadPprof).toHaveBeenCalledTimes(2);
    const good = { fileName: 'g.pb.gz', loadPprof: jest.fn(() => Promise.resolve(BYTES)) };
    await loadLineIndex(frame, good);
    await loadLineIndex(frame, good);
    expect(good.loadPprof).toHaveBeenCalledTimes(1);
  });

  it('rejects a file that is not pprof with the decoder message', async () => {
    const bad = { fileName: 'f.pb.gz', loadPprof: () => Promise.resolve(new Uint8Array([1, 2, 3])) };
    await expect(loadLineIndex({}, bad)).rejects.toThrow(/^pprof profile: /);
  });
});
