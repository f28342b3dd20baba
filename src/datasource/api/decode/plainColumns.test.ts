import { lastValueFrom } from 'rxjs';

import { profileToDataFrame } from '../../../model/frame';
import { bigProfile } from './testing/bigProfile';
import { SLICED_FROM_NODES, plainColumnsOf } from './plainColumns';

/** A task queue run by hand: each `yieldTask` call is one task. */
function manualTasks() {
  const queue: Array<() => void> = [];
  return {
    yieldTask: (next: () => void) => {
      queue.push(next);
      return () => queue.splice(queue.indexOf(next), 1);
    },
    queue,
  };
}

describe('plainColumnsOf', () => {
  const big = bigProfile(8_000, 21, true);

  it('is big enough to be sliced', () => {
    expect(big.level.length).toBeGreaterThanOrEqual(SLICED_FROM_NODES);
  });

  it('makes, in several tasks, the same frame as the one-go copy', async () => {
    const tasks = manualTasks();
    const result = lastValueFrom(plainColumnsOf(big, tasks.yieldTask));
    let count = 0;
    while (tasks.queue.length > 0) {
      tasks.queue.shift()!();
      count++;
    }
    const plainColumns = await result;
    expect(count).toBeGreaterThan(1);
    expect(profileToDataFrame(big, { refId: 'A', plainColumns })).toEqual(profileToDataFrame(big, { refId: 'A' }));
  });

  it('stops copying when unsubscribed', () => {
    const tasks = manualTasks();
    const next = jest.fn();
    const sub = plainColumnsOf(big, tasks.yieldTask).subscribe(next);
    tasks.queue.shift()!();
    expect(tasks.queue).toHaveLength(1);
    sub.unsubscribe();
    expect(tasks.queue).toHaveLength(0);
    expect(next).not.toHaveBeenCalled();
  });

  it('leaves small profiles to the frame, at once', async () => {
    expect(await lastValueFrom(plainColumnsOf(bigProfile(100, 1)))).toBeUndefined();
  });
});
