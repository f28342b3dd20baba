import type { Profile } from '../../../model/profile';
import type { ValueUnit } from '../../../model/units';
import { PyroscopeRequestError } from '../errors';
import { runDecodeJob, type DecodeJob } from './decodeJob';

/**
 * What the decode worker posts back. A profile's columns travel as typed arrays whose buffers are transferred (moved,
 * not copied); the names are cloned. An error travels as its facts and is rebuilt on the main thread as the same
 * error class with the same message, so the panel shows the words the main-thread decode would have shown.
 */
export type DecodeReply = { ok: true; profile: ProfileMessage } | { ok: false; error: ErrorMessage };

/** A profile as plain data (typed arrays stay typed arrays through structured clone). */
export interface ProfileMessage {
  names: string[];
  level: Int32Array;
  total: Float64Array;
  self: Float64Array;
  nameId: Int32Array;
  right?: { total: Float64Array; self: Float64Array };
  unit: ValueUnit;
}

export type ErrorMessage =
  | {
      kind: 'request';
      status: number;
      endpoint: string;
      problem: string;
      serverMessage?: string;
      hint?: string;
    }
  | { kind: 'other'; name: string; message: string };

/** What the worker answers to a job: the decoded profile (buffers to transfer) or the error. */
export function answerJob(job: DecodeJob): { reply: DecodeReply; transfer: ArrayBuffer[] } {
  let profile: Profile;
  try {
    profile = runDecodeJob(job);
  } catch (err) {
    return { reply: errorReply(err), transfer: [] };
  }
  return profileReply(profile);
}

/** The reply for a decoded profile and the buffers to transfer with it (each buffer once). */
export function profileReply(profile: Profile): { reply: DecodeReply; transfer: ArrayBuffer[] } {
  const columns = [profile.level, profile.total, profile.self, profile.nameId];
  if (profile.right) {
    columns.push(profile.right.total, profile.right.self);
  }
  const transfer = [...new Set(columns.map((c) => c.buffer as ArrayBuffer))];
  const message: ProfileMessage = {
    names: [...profile.names],
    level: profile.level,
    total: profile.total,
    self: profile.self,
    nameId: profile.nameId,
    unit: profile.unit,
    ...(profile.right ? { right: { total: profile.right.total, self: profile.right.self } } : {}),
  };
  return { reply: { ok: true, profile: message }, transfer };
}

/** The profile a reply carries (its own object: nothing but the model's fields). */
export function profileOf(message: ProfileMessage): Profile {
  return {
    names: message.names,
    level: message.level,
    total: message.total,
    self: message.self,
    nameId: message.nameId,
    unit: message.unit,
    ...(message.right ? { right: { total: message.right.total, self: message.right.self } } : {}),
  };
}

/** The reply for a failed decode. */
export function errorReply(err: unknown): DecodeReply {
  if (err instanceof PyroscopeRequestError) {
    return { ok: false, error: { kind: 'request', ...requestFacts(err) } };
  }
  const error = err instanceof Error ? err : new Error(String(err));
  return { ok: false, error: { kind: 'other', name: error.name, message: error.message } };
}

/** The error a reply carries, rebuilt with the class and message it had in the worker. */
export function errorOf(message: ErrorMessage): Error {
  if (message.kind === 'request') {
    return new PyroscopeRequestError(message);
  }
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

/** A request error's constructor arguments, read back from the error. */
function requestFacts(err: PyroscopeRequestError) {
  return {
    status: err.status,
    endpoint: err.endpoint,
    problem: err.problem,
    ...(err.serverMessage !== undefined ? { serverMessage: err.serverMessage } : {}),
    ...(err.hint !== undefined ? { hint: err.hint } : {}),
  };
}
