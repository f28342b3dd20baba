import { LoadingState } from '@grafana/data';

import { profileToDataFrame } from '../model/frame';
import { parseTree } from '../model/testing/asciiTree';
import { runSteps } from '../model/steps';
import { choosePanelBody, flameGraphRows, nextLastPicture, readPanelInput, readPanelInputSteps } from './panelData';

const frame = profileToDataFrame(parseTree('total 10\n  main 10'), { refId: 'A' });
const drawable = readPanelInput([frame]);
const empty = readPanelInput([]);

describe('choosePanelBody', () => {
  it('draws a profile whatever the state: Grafana keeps frames while a query reruns, a partial answer has an error', () => {
    for (const state of Object.values(LoadingState)) {
      expect(choosePanelBody(drawable, { state }, undefined)).toEqual({
        kind: 'picture',
        input: drawable,
        stale: false,
      });
    }
  });

  it.each([LoadingState.Loading, LoadingState.NotStarted, LoadingState.Streaming])(
    'never says "No data" while the query is %s: the last picture, or a placeholder on the first load',
    (state) => {
      expect(choosePanelBody(empty, { state }, undefined)).toEqual({ kind: 'loading' });
      expect(choosePanelBody(empty, { state }, drawable)).toEqual({ kind: 'picture', input: drawable, stale: true });
    }
  );

  it('says "No data" only for a finished, empty answer', () => {
    const body = choosePanelBody(empty, { state: LoadingState.Done }, drawable);
    expect(body).toEqual(expect.objectContaining({ kind: 'problem', severity: 'info', title: 'Nothing to show' }));
    expect(body.kind === 'problem' && body.text).toMatch(/^No data/);
  });

  it("says why a query failed instead of claiming no data, with the datasource's message", () => {
    const failed = choosePanelBody(
      empty,
      { state: LoadingState.Error, error: { message: 'upstream timed out' } },
      drawable
    );
    expect(failed).toEqual(
      expect.objectContaining({
        kind: 'problem',
        severity: 'error',
        title: 'The query failed',
        text: 'upstream timed out',
      })
    );
    const nested = choosePanelBody(
      empty,
      { state: LoadingState.Error, errors: [{ data: { message: 'bad' } }] },
      undefined
    );
    expect(nested).toEqual(expect.objectContaining({ text: 'bad' }));
    const silent = choosePanelBody(empty, { state: LoadingState.Error }, undefined);
    expect(silent).toEqual(expect.objectContaining({ text: 'The datasource reported an error without a message.' }));
  });

  it('names what is wrong with a frame that arrived, even when the query also failed', () => {
    const broken = readPanelInput([{ ...frame, fields: frame.fields.map((f) => ({ ...f, values: [] })), length: 0 }]);
    expect(broken.frame).toBeDefined();
    expect(broken.problem).toMatch(/./);
    const body = choosePanelBody(broken, { state: LoadingState.Error, error: { message: 'x' } }, undefined);
    expect(body).toEqual(expect.objectContaining({ kind: 'problem', severity: 'info', text: broken.problem }));
  });
});

describe('nextLastPicture', () => {
  it('keeps the last drawable answer while queries run, and forgets it once a query settles without one', () => {
    expect(nextLastPicture(drawable, LoadingState.Done, undefined)).toBe(drawable);
    expect(nextLastPicture(empty, LoadingState.Loading, drawable)).toBe(drawable);
    expect(nextLastPicture(empty, LoadingState.Done, drawable)).toBeUndefined();
    expect(nextLastPicture(empty, LoadingState.Error, drawable)).toBeUndefined();
  });
});

describe('an answer still being read (usePanelInput returns undefined)', () => {
  it('keeps the last picture, or shows the placeholder, whatever the state, and keeps the last picture for later', () => {
    for (const state of Object.values(LoadingState)) {
      expect(choosePanelBody(undefined, { state }, drawable)).toEqual({
        kind: 'picture',
        input: drawable,
        stale: true,
      });
      expect(choosePanelBody(undefined, { state }, undefined)).toEqual({ kind: 'loading' });
      expect(nextLastPicture(undefined, state, drawable)).toBe(drawable);
    }
  });
});

describe('readPanelInputSteps', () => {
  it('reads the same input in steps, yielding between passes over the rows, and reports a bad frame the same way', () => {
    const big = profileToDataFrame(parseTree('total 10\n  main 6\n    work 4\n  gc 4'));
    const steps = readPanelInputSteps([big]);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      yields++;
    }
    // Levels, labels, then values and self: a yield after each of the first two.
    expect(yields).toBeGreaterThanOrEqual(2);
    expect(step.value).toEqual(readPanelInput([big]));
    const broken = { ...big, fields: big.fields.map((f) => (f.name === 'self' ? { ...f, values: [1, 7, 4, 4] } : f)) };
    expect(runSteps(readPanelInputSteps([broken]))).toEqual(readPanelInput([broken]));
    expect(readPanelInput([broken]).problem).toMatch(/^Cannot read the flame graph: .*self 7 is more than/);
  });

  it('counts the rows of the flame graph frame', () => {
    expect(flameGraphRows([frame])).toBe(2);
    expect(flameGraphRows([])).toBe(0);
  });
});
