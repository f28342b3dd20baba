import { MONACO_WORKER_MAIN, setMonacoWorkers } from './monacoWorkers';

describe('setMonacoWorkers', () => {
  it("points every worker at Monaco's prebuilt bootstrap, named by its label", () => {
    const target: Parameters<typeof setMonacoWorkers>[0] = {};
    setMonacoWorkers(target);
    expect(target.MonacoEnvironment?.getWorkerUrl?.('vs/editor/editor.worker', 'editorWorkerService')).toBe(
      `${MONACO_WORKER_MAIN}#editorWorkerService`
    );
  });

  it('keeps an environment someone else set', () => {
    const own = { getWorkerUrl: () => '/mine.js' };
    const target = { MonacoEnvironment: own };
    setMonacoWorkers(target);
    expect(target.MonacoEnvironment).toBe(own);
  });
});
