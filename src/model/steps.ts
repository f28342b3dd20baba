/**
 * Work cut into steps: a generator that yields between steps and returns its result. Pure code stays synchronous and
 * testable (`runSteps` runs every step at once); a caller that must keep the browser responsive runs a few steps per
 * task instead (the panel's `sliceTasks`).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step and returns the result (errors are thrown as the steps throw them). */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}
