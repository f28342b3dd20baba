import { Observable, of } from 'rxjs';

import { columnsOf } from '../../../model/frame';
import type { Profile } from '../../../model/profile';

/**
 * Profiles with fewer nodes have their frame built in one go (the copy takes a few milliseconds); larger ones are
 * copied in slices of `SLICE` values, each in its own task, so the dashboard stays responsive (the frame's value
 * arrays are plain arrays, see `profileToDataFrame`).
 */
export const SLICED_FROM_NODES = 100_000;
const SLICE = 200_000;

/**
 * The profile's columns as plain arrays (`ProfileFrameOptions.plainColumns`), copied in slices that yield to the
 * event loop between them; `undefined` at once for small profiles (the frame copies them itself). Unsubscribing
 * stops the copy.
 */
export function plainColumnsOf(
  profile: Profile,
  yieldTask: (next: () => void) => () => void = nextTask
): Observable<number[][] | undefined> {
  if (profile.level.length < SLICED_FROM_NODES) {
    return of(undefined);
  }
  return new Observable((subscriber) => {
    const columns = columnsOf(profile);
    const out = columns.map((c) => new Array<number>(c.length));
    let column = 0;
    let at = 0;
    let cancel = () => {};
    const step = () => {
      let budget = SLICE;
      while (column < columns.length && budget > 0) {
        const src = columns[column];
        const dst = out[column];
        const end = Math.min(src.length, at + budget);
        for (let i = at; i < end; i++) {
          dst[i] = src[i];
        }
        budget -= end - at;
        at = end;
        if (at === src.length) {
          column++;
          at = 0;
        }
      }
      if (column < columns.length) {
        cancel = yieldTask(step);
      } else {
        subscriber.next(out);
        subscriber.complete();
      }
    };
    cancel = yieldTask(step);
    return () => cancel();
  });
}

/**
 * Runs `next` in a new task: a MessageChannel message where there is one (no 4 ms clamp of nested timers), else a
 * timer. Returns a cancel.
 */
function nextTask(next: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    const timer = setTimeout(next, 0);
    return () => clearTimeout(timer);
  }
  const channel = new MessageChannel();
  let live = true;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) {
      next();
    }
  };
  channel.port2.postMessage(undefined);
  return () => {
    live = false;
    channel.port1.close();
  };
}
