import type { Steps } from '../model/steps';
import { sliceTasks, type SliceResult } from './sliceTasks';

/** Steps that each advance a fake clock by `costs[k]` ms, and log what ran. */
function* costed(costs: number[], clock: { t: number }, log: string[]): Steps<string> {
  for (const [k, cost] of costs.entries()) {
    clock.t += cost;
    log.push(`step ${k}`);
    yield;
  }
  return 'result';
}

function harness() {
  const clock = { t: 0 };
  const log: string[] = [];
  const queue: Array<() => void> = [];
  const results: Array<SliceResult<string>> = [];
  const post = (fn: () => void) => {
    queue.push(fn);
    return () => queue.splice(queue.indexOf(fn), 1);
  };
  const runTask = () => {
    log.push('task');
    queue.shift()?.();
  };
  return { clock, log, queue, results, post, runTask, done: (r: SliceResult<string>) => results.push(r) };
}

describe('sliceTasks', () => {
  it('runs steps until the budget is spent, then posts the rest to later tasks, and reports the result once', () => {
    const h = harness();
    sliceTasks(costed([3, 3, 5, 20, 1, 1], h.clock, h.log), h.done, {
      budgetMs: 8,
      now: () => h.clock.t,
      post: h.post,
    });
    // The first slice runs at once: 3 + 3 + 5 crosses the budget of 8 ms.
    expect(h.log).toEqual(['step 0', 'step 1', 'step 2']);
    expect(h.results).toEqual([]);
    h.runTask();
    expect(h.log.slice(3)).toEqual(['task', 'step 3']);
    h.runTask();
    expect(h.log.slice(5)).toEqual(['task', 'step 4', 'step 5']);
    expect(h.results).toEqual([{ ok: true, value: 'result' }]);
    expect(h.queue).toEqual([]);
  });

  it('runs nothing more after cancel and never reports', () => {
    const h = harness();
    const job = sliceTasks(costed([10, 10, 10], h.clock, h.log), h.done, {
      budgetMs: 8,
      now: () => h.clock.t,
      post: h.post,
    });
    expect(h.log).toEqual(['step 0']);
    job.cancel();
    expect(h.queue).toEqual([]);
    expect(h.log).toEqual(['step 0']);
    expect(h.results).toEqual([]);
  });

  it('runs the first slice in a task of its own when asked, not in the caller’s', () => {
    const h = harness();
    const job = sliceTasks(costed([3, 3, 5], h.clock, h.log), h.done, {
      budgetMs: 8,
      now: () => h.clock.t,
      post: h.post,
      firstSlice: 'posted',
    });
    expect(h.log).toEqual([]);
    expect(h.queue).toHaveLength(1);
    h.runTask();
    expect(h.log).toEqual(['task', 'step 0', 'step 1', 'step 2']);
    h.runTask();
    expect(h.results).toEqual([{ ok: true, value: 'result' }]);
    // Cancelling before the first task runs cancels that task.
    const h2 = harness();
    sliceTasks(costed([1], h2.clock, h2.log), h2.done, { budgetMs: 8, post: h2.post, firstSlice: 'posted' }).cancel();
    expect(h2.queue).toEqual([]);
    job.cancel();
  });

  it('reports an error a step throws', () => {
    const h = harness();
    function* failing(): Steps<string> {
      yield;
      throw new Error('bad column');
    }
    sliceTasks(failing(), h.done, { budgetMs: 8, now: () => h.clock.t, post: h.post });
    expect(h.results).toHaveLength(1);
    expect(h.results[0]).toEqual({ ok: false, error: new Error('bad column') });
  });

  it('posts to a real later task by default', async () => {
    const log: string[] = [];
    let t = 0;
    function* twoTasks(): Steps<number> {
      log.push('first');
      t += 100;
      yield;
      log.push('second');
      return 2;
    }
    const result = new Promise<SliceResult<number>>((resolve) => {
      sliceTasks(twoTasks(), resolve, { budgetMs: 8, now: () => t });
    });
    expect(log).toEqual(['first']);
    expect(await result).toEqual({ ok: true, value: 2 });
    expect(log).toEqual(['first', 'second']);
  });
});
