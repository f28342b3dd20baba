/**
 * The decode worker: a separate webpack entry emitted beside the datasource's module.js
 * (`dist/datasource/decodeWorker.js`, see webpack.config.ts). It receives one `DecodeJob`, decodes it exactly as the
 * main thread would and posts the profile back with its columns' buffers transferred, or the error's facts. The
 * datasource starts one worker per job and terminates it when the query is cancelled.
 */
import type { DecodeJob } from './decodeJob';
import { answerJob } from './wire';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DecodeJob>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { reply, transfer } = answerJob(event.data);
  scope.postMessage(reply, transfer);
};
