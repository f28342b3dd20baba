import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';

import { dataFrameToProfile, profileToDataFrame } from '../../model/frame';
import { parseTree, printTree } from '../../model/testing/asciiTree';
import { download, downloadFile, exportBaseName, foldedExport, frameJsonExport } from './export';

const profile = parseTree(
  `
total 100
  main 100
    json.Marshal 30
    <img src=x onerror=alert(1)> 50
`,
  'nanoseconds'
);

const META = {
  profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  labelSelector: '{service_name="ad-server", env="prod"}',
  fromMs: Date.UTC(2024, 4, 1, 1, 55),
  toMs: Date.UTC(2024, 4, 1, 2, 0),
};

describe('exportBaseName', () => {
  it('names the profile type, service and window start', () => {
    expect(exportBaseName(META)).toBe('flamelens-process_cpu-ad-server-20240501-015500');
  });

  it('keeps only safe characters', () => {
    expect(exportBaseName({ ...META, labelSelector: '{service_name="../../etc/<x>"}' })).toBe(
      'flamelens-process_cpu-etc-x-20240501-015500'
    );
  });

  it('falls back to a plain name without meta', () => {
    expect(exportBaseName(undefined)).toBe('flamelens');
  });
});

describe('exportBaseName on hostile meta', () => {
  it('ignores times a Date cannot hold, which threw "Invalid time value" and crashed the panel', () => {
    for (const fromMs of [1e300, -1e300, 8.64e15 + 1]) {
      expect(exportBaseName({ fromMs, toMs: Math.max(fromMs, 1e301) })).toBe('flamelens');
    }
  });
});

describe('foldedExport', () => {
  it('writes one line per stack with a self value', () => {
    expect(foldedExport(profile, 'p')).toEqual({
      filename: 'p.folded.txt',
      mime: 'text/plain',
      content: 'main 20\nmain;json.Marshal 30\nmain;<img src=x onerror=alert(1)> 50\n',
    });
  });
});

describe('frameJsonExport', () => {
  it('writes data frame JSON that reads back into the same profile', () => {
    const frame = profileToDataFrame(profile, { refId: 'A', custom: META });
    const file = frameJsonExport(frame, 'p');
    expect(file.filename).toBe('p.json');
    expect(file.mime).toBe('application/json');
    const json = JSON.parse(file.content) as DataFrameJSON;
    expect(json.schema?.fields.map((f) => f.name)).toEqual(['level', 'value', 'self', 'label']);
    expect(json.data?.values[0]).toEqual([0, 1, 2, 2]);
    expect(json.schema?.meta?.custom).toEqual(META);
    expect(printTree(dataFrameToProfile(dataFrameFromJSON(json)))).toBe(printTree(profile));
  });
});

describe('download', () => {
  it('clicks a temporary link to the blob and revokes the URL later', async () => {
    jest.useFakeTimers();
    const createObjectURL = jest.fn(() => 'blob:fake');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: Array<{ href: string; download: string }> = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    downloadFile({ filename: 'p.folded.txt', mime: 'text/plain', content: 'a 1\n' });
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe('text/plain');
    expect(await readBlob(blob)).toBe('a 1\n');
    expect(clicked).toEqual([{ href: 'blob:fake', download: 'p.folded.txt' }]);
    expect(document.querySelector('a')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_000);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:fake');
    download(new Blob(['x']), 'x.png');
    expect(clicked[1].download).toBe('x.png');
    click.mockRestore();
    jest.useRealTimers();
  });
});

/** jsdom's Blob has no `text()`. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
