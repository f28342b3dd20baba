import type { Steps } from '../model/steps';

/** A running `sliceTasks`: cancelling it runs no further step and never calls `done`. */
export interface SliceJob {
  cancel(): void;
}

/** How `sliceTasks` reads the clock and posts its next slice (injected by tests). */
export interface SliceOptions {
  /** Steps run in one task until this much time has passed (the step that crosses it still finishes). */
  budgetMs: number;
  now?: () => number;
  /** Runs `fn` in a later task; returns a function that cancels it. */
  post?: (fn: () => void) => () => void;
  /**
   * Where the first slice runs: at once, in the caller's task (default), or `posted` to a task of its own, for a
   * caller whose own task is already long (a React commit) and whose first step is too.
   */
  firstSlice?: 'now' | 'posted';
}

export type SliceResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `steps` a slice at a time: the first slice at once (or in a posted task: `firstSlice`), then one slice per task
 * until they are done, so no task runs much longer than `budgetMs` plus one step. `done` is called once, with the
 * result or the error a step threw.
 */
export function sliceTasks<T>(
  steps: Steps<T>,
  done: (result: SliceResult<T>) => void,
  options: SliceOptions
): SliceJob {
  const now = options.now ?? (() => performance.now());
  const post = options.post ?? postTask;
  let cancelled = false;
  let cancelPosted: () => void = () => undefined;
  const slice = () => {
    if (cancelled) {
      return;
    }
    const started = now();
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) {
          done({ ok: true, value: step.value });
          return;
        }
        if (now() - started >= options.budgetMs) {
          cancelPosted = post(slice);
          return;
        }
      }
    } catch (error) {
      done({ ok: false, error });
    }
  };
  if (options.firstSlice === 'posted') {
    cancelPosted = post(slice);
  } else {
    slice();
  }
  return {
    cancel() {
      cancelled = true;
      cancelPosted();
    },
  };
}

/**
 * A new task as soon as the event loop allows: a message on a `MessageChannel` (nested `setTimeout`s are clamped to
 * 4 ms each), `setTimeout` where there is none. The browser may handle input and render a frame in between.
 */
export function postTask(fn: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    const timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  const channel = new MessageChannel();
  let live = true;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) {
      fn();
    }
  };
  channel.port2.postMessage(null);
  return () => {
    live = false;
    channel.port1.close();
  };
}
