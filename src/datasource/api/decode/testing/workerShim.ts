import type { DecodeJob } from '../decodeJob';
import type { WorkerLike } from '../profileDecoder';
import { answerJob, type DecodeReply } from '../wire';

/**
 * A Worker stand-in for unit tests: the job is structured-cloned in, answered by the worker's own `answerJob` on a
 * later task, and the reply structured-cloned out with its buffers transferred, as a real worker's messages are. The
 * browser test (tests/browser/decodeWorker.browser.test.ts) runs the real worker script.
 */
export class WorkerShim implements WorkerLike {
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  terminated = false;
  /** Transferred buffers, detached in this (the worker's) side after the reply. */
  transferred: ArrayBuffer[] = [];

  constructor(private readonly failToLoad = false) {}

  postMessage(message: DecodeJob): void {
    const job = structuredClone(message);
    setTimeout(() => {
      if (this.terminated) {
        return;
      }
      if (this.failToLoad) {
        // What a 404 or a CSP refusal of the script looks like: an error event, no message.
        this.onerror?.(new Event('error'));
        return;
      }
      const { reply, transfer } = answerJob(job);
      const delivered = structuredClone(reply, { transfer });
      this.transferred = transfer;
      this.onmessage?.({ data: delivered } as MessageEvent<DecodeReply>);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}
