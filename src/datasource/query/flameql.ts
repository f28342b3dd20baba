import { isWellFormed, type Matcher } from './selector';

/**
 * Writing FlameQL for pyroscope-io 0.37. FlameQL has no escapes: the server takes the app
 * name up to the first `{`, splits the matchers at commas outside double quotes, and a `\"` does not close a quote.
 * So nothing can be escaped, only refused: every piece is checked against what the server reads back unchanged,
 * and anything else is refused with a message naming it, so that no value can rewrite the query around it.
 */

/** A selector part FlameQL cannot express; the adapter reports it as a request error. */
export class FlameQlRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlameQlRefusal';
  }
}

const APP_NAME = /^[A-Za-z0-9_.-]+$/;
const KEY = /^[A-Za-z0-9_]+$/;

/** The FlameQL application name `<service>.<suffix>`; refused unless every character is one an app name allows. */
export function flameQlAppName(service: string, suffix: string): string {
  const app = `${service}.${suffix}`;
  if (service === '' || !APP_NAME.test(app)) {
    throw new FlameQlRefusal(
      `pyroscope-io application names allow only letters, digits, "_", "." and "-": cannot query ${JSON.stringify(app)}`
    );
  }
  return app;
}

/** One FlameQL matcher `key op "value"`; regexes are anchored, as Grafana Pyroscope's are (FlameQL's are not). */
export function flameQlTerm(m: Matcher): string {
  if (!KEY.test(m.name) || m.name === '__name__') {
    throw new FlameQlRefusal(
      `pyroscope-io label names allow only letters, digits and "_": cannot filter on ${JSON.stringify(m.name)}`
    );
  }
  // A quote would end the value early, a comma may split it, and a final backslash would hide the closing quote.
  if (/[",]|\\$/.test(m.value) || !isWellFormed(m.value)) {
    throw new FlameQlRefusal(
      `pyroscope-io cannot match label values containing '"' or ',' or ending in '\\' (label ${m.name}: ${JSON.stringify(m.value)})`
    );
  }
  const value = m.op === '=~' || m.op === '!~' ? `^(?:${m.value})$` : m.value;
  if (value === '') {
    // The server rejects `k=""` as a syntax error; say why here instead.
    throw new FlameQlRefusal(`pyroscope-io cannot match an empty value (label ${m.name})`);
  }
  return `${m.name}${m.op}"${value}"`;
}
