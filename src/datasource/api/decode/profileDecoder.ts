import { Observable, defer, of } from 'rxjs';

import type { Profile } from '../../../model/profile';
import { answerSize, runDecodeJob, type DecodeJob } from './decodeJob';
import { errorOf, profileOf, type DecodeReply } from './wire';

/** Turns a flame graph answer into a profile; unsubscribing abandons the work. */
export interface ProfileDecoder {
  decode(job: DecodeJob): Observable<Profile>;
}

/** Decodes on the calling thread, when subscribed. */
export const mainThreadDecoder: ProfileDecoder = {
  decode: (job) => defer(() => of(runDecodeJob(job))),
};

/**
 * Answers at least this long (bytes of the body, or UTF-16 code units when it came as text) are decoded in the worker. Below it the main
 * thread is faster than a worker's round trip (start, text copy, transfer back) and its task stays short; the
 * numbers behind it are in docs/decode-worker.md.
 */
export const DECODE_WORKER_THRESHOLD = 1_000_000;

/** The part of `Worker` the decoder uses (a real Worker in the browser, a shim in unit tests). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
  postMessage(message: DecodeJob): void;
  terminate(): void;
}

export interface WorkerDecoderOptions {
  /** Starts a worker; may throw (no Worker API, a CSP refusal, a cross-origin script URL). */
  spawn: () => WorkerLike;
  /** Answers shorter than this stay on the main thread. */
  threshold?: number;
  /** Where the fallback is said (console.warn by default). */
  warn?: (message: string, cause?: unknown) => void;
}

/**
 * Decodes large answers in a worker, one worker per answer, terminated when the answer is decoded or the query is
 * cancelled (unsubscribed). If a worker cannot start or its script cannot load (a 404, a CSP refusal) the answer
 * is decoded on the main thread, with one console warning, and later answers no longer try the worker: a slow
 * query, never a failed one. Errors of the decode itself come back as the same errors the main thread throws.
 */
export function workerDecoder(options: WorkerDecoderOptions): ProfileDecoder {
  const threshold = options.threshold ?? DECODE_WORKER_THRESHOLD;
  const warn = options.warn ?? ((message: string, cause?: unknown) => console.warn(message, cause));
  let unavailable = false;
  const giveUp = (cause: unknown) => {
    if (!unavailable) {
      unavailable = true;
      warn('Flamelens: the decode worker could not start; large profiles are decoded on the main thread', cause);
    }
  };
  return {
    decode(job) {
      if (unavailable || answerSize(job) < threshold) {
        return mainThreadDecoder.decode(job);
      }
      return new Observable<Profile>((subscriber) => {
        const onMainThread = () => {
          let profile: Profile;
          try {
            profile = runDecodeJob(job);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          subscriber.next(profile);
          subscriber.complete();
        };
        let worker: WorkerLike;
        try {
          worker = options.spawn();
        } catch (err) {
          giveUp(err);
          onMainThread();
          return undefined;
        }
        let settled = false;
        worker.onmessage = (event) => {
          settled = true;
          worker.terminate();
          const reply = event.data;
          if (reply.ok) {
            subscriber.next(profileOf(reply.profile));
            subscriber.complete();
          } else {
            subscriber.error(errorOf(reply.error));
          }
        };
        worker.onerror = (event) => {
          // The script did not load or did not run: nothing was decoded, so the main thread does it.
          event.preventDefault?.();
          settled = true;
          worker.terminate();
          giveUp(event);
          onMainThread();
        };
        worker.postMessage(job);
        return () => {
          if (!settled) {
            worker.terminate();
          }
        };
      });
    },
  };
}
