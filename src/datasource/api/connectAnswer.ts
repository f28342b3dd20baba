import { nodeCount, type Profile } from '../../model/profile';
import { asObject, parseJsonBody } from './body';
import { PyroscopeRequestError } from './errors';

/** Top-level keys of a Connect error body; no answer of ours has a top-level `code`. */
const ERROR_KEYS = new Set(['code', 'message', 'details']);

/**
 * The one check every Connect answer passes: a 2xx whose body is a Connect error (`{"code":"internal",...}`, which a
 * misbehaving proxy or gateway can send with 200) is reported with the endpoint, the status and the server's words,
 * never read as an empty answer. Returns the parsed body.
 */
export function checkConnectBody(text: string, status: number, endpoint: string): unknown {
  const body = parseJsonBody(text, endpoint);
  const error = connectErrorIn(body, status, endpoint);
  if (error) {
    throw error;
  }
  return body;
}

/**
 * The flame graph answers are decoded straight from the text, so they are checked after decoding: a graph with only
 * its root is either a real "no data" (the server sends a root-only `total` graph) or an error
 * in disguise (a Connect error body, `{}` without a flame graph, names without levels). Only those small bodies are
 * parsed again to tell which.
 */
export function checkFlameGraphAnswer(text: string, status: number, endpoint: string, profile: Profile): Profile {
  if (nodeCount(profile) > 1) {
    return profile;
  }
  const body = checkConnectBody(text, status, endpoint);
  const graph = asObject(asObject(body)?.flamegraph);
  if (!graph) {
    throw emptyAnswer(endpoint, status, 'the answer has no flame graph (the server always sends at least its root)');
  }
  const levels = graph.levels;
  if (!Array.isArray(levels) || levels.length === 0) {
    const names = Array.isArray(graph.names) ? graph.names.length : 0;
    throw emptyAnswer(endpoint, status, `the flame graph has ${names} names but no levels`);
  }
  return profile;
}

function connectErrorIn(body: unknown, status: number, endpoint: string): PyroscopeRequestError | undefined {
  const rec = asObject(body);
  if (!rec || typeof rec.code !== 'string' || !Object.keys(rec).every((k) => ERROR_KEYS.has(k))) {
    return undefined;
  }
  const message = typeof rec.message === 'string' && rec.message !== '' ? `${rec.code}: ${rec.message}` : rec.code;
  return new PyroscopeRequestError({
    status,
    endpoint,
    problem: 'The server answered with an error instead of data',
    serverMessage: message.length > 300 ? `${message.slice(0, 300)}…` : message,
    hint: 'A proxy or gateway between Grafana and the server may be rewriting error statuses; check its logs',
  });
}

function emptyAnswer(endpoint: string, status: number, problem: string): PyroscopeRequestError {
  return new PyroscopeRequestError({
    status,
    endpoint,
    problem: `The server's answer could not be read: ${problem}`,
    hint: 'Check the server flavor and URL in the data source settings',
  });
}
