import { decodeConnectFlameGraphDiffText, decodeConnectFlameGraphText } from '../../../model/connectText';
import { decodeFlamebearer } from '../../../model/flamebearer';
import type { Profile } from '../../../model/profile';
import type { ValueUnit } from '../../../model/units';
import { checkOgBody, decodeFailed, parseJsonBody } from '../body';
import { checkFlameGraphAnswer } from '../connectAnswer';

/**
 * One flame graph answer to decode: everything the decode needs, as plain data, so the same job runs on the main
 * thread or is posted as is to the decode worker.
 * - `connect` / `connect-diff`: the text of Grafana Pyroscope's `SelectMergeStacktraces` / `Diff` answer.
 * - `flamebearer`: the text of pyroscope-io's `/render` or `/render-diff` answer (`format=json`).
 */
export type DecodeJob =
  | (AnswerText & {
      kind: 'connect' | 'connect-diff';
      /** The values' unit (Connect answers do not say it). */ unit: ValueUnit;
    })
  | (AnswerText & { kind: 'flamebearer' });

/** The answer as it came. */
export interface AnswerText {
  /** The answer's body as text (empty when it came as `bytes`). */
  text: string;
  /**
   * The answer's body as UTF-8 bytes, as the datasource fetches flame graphs: turning a large body into a string is
   * itself a long main-thread task in the browser (about 100 ms at 33 MB), so that is left to the thread that decodes.
   */
  bytes?: Uint8Array;
  /** The answer's HTTP status (2xx), for the error messages. */
  status: number;
  /** The called endpoint, for the error messages. */
  endpoint: string;
}

/**
 * Decodes a flame graph answer with the checks every answer of its kind passes: the same profile, or the same
 * `PyroscopeRequestError` (empty body, HTML page, error body with a 2xx, malformed JSON named by field and offset),
 * wherever it runs.
 */
export function runDecodeJob(job: DecodeJob): Profile {
  const { status, endpoint } = job;
  const text = job.bytes ? bodyText(job.bytes) : job.text;
  if (job.kind === 'flamebearer') {
    const body = checkOgBody(parseJsonBody(text, endpoint), status, endpoint);
    try {
      return decodeFlamebearer(body).profile;
    } catch (err) {
      throw decodeFailed(endpoint, err);
    }
  }
  if (text.trim() === '' || text.trim().startsWith('<')) {
    // Same wording as every other call for empty bodies and HTML pages.
    parseJsonBody(text, endpoint);
  }
  let profile: Profile;
  try {
    profile =
      job.kind === 'connect'
        ? decodeConnectFlameGraphText(text, job.unit)
        : decodeConnectFlameGraphDiffText(text, job.unit);
  } catch (err) {
    throw decodeFailed(endpoint, err);
  }
  return checkFlameGraphAnswer(text, status, endpoint, profile);
}

/** A body's text as `Response.text()` reads it: UTF-8, a leading byte-order mark dropped, bad bytes as U+FFFD. */
function bodyText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** The answer's size as the worker threshold counts it: bytes, or UTF-16 code units of text. */
export function answerSize(job: AnswerText): number {
  return job.bytes ? job.bytes.length : job.text.length;
}
