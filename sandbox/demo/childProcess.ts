import type { ChildProcess } from 'node:child_process';

/**
 * Resolves once `child` is gone and its output streams are closed, with how it ended: "exited with code 1",
 * "was killed by SIGTERM" or "could not be started: spawn ... ENOENT".
 */
export function whenGone(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) =>
      resolve(code !== null ? `exited with code ${code}` : `was killed by ${signal ?? 'a signal'}`)
    );
    child.once('error', (e) => resolve(`could not be started: ${e.message}`));
  });
}

/** SIGTERM, then SIGKILL after `killAfterMs`; resolves when the process is gone (`gone` is `whenGone(child)`). */
export async function stopChild(child: ChildProcess, gone: Promise<string>, killAfterMs = 10_000): Promise<string> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    child.kill('SIGTERM');
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  try {
    return await gone;
  } finally {
    clearTimeout(timer);
  }
}
