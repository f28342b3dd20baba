import { SERVICE_LABEL } from '../api/types';
import {
  formatSelector,
  parseSelector,
  SelectorParseError,
  type Matcher,
  type ParsedSelector,
} from '../query/selector';

/**
 * Editor-side view of a label selector. All reading and writing goes through `parseSelector`/`formatSelector`, the
 * project's one parser and escaper, so what the editor shows is what the server reads.
 */

/** The parsed selector, or the parser's message when the text does not parse. */
export type SelectorRead = { ok: true; parsed: ParsedSelector } | { ok: false; error: string };

export function readSelector(text: string | undefined): SelectorRead {
  try {
    return { ok: true, parsed: parseSelector(text ?? '') };
  } catch (err) {
    return { ok: false, error: err instanceof SelectorParseError ? err.message : String(err) };
  }
}

/** The matcher the service picker owns: the first `service_name = "..."`; any other service matcher is a filter row. */
export function serviceIndex(matchers: readonly Matcher[]): number {
  return matchers.findIndex((m) => m.name === SERVICE_LABEL && m.op === '=');
}

export function write(parsed: ParsedSelector, matchers: readonly Matcher[]): string {
  return formatSelector(matchers, parsed.metric);
}

/** Sets (or with `undefined` removes) the service matcher; a new one goes first, where people look for it. */
export function withService(parsed: ParsedSelector, service: string | undefined): string {
  const i = serviceIndex(parsed.matchers);
  const rest = parsed.matchers.filter((_, j) => j !== i);
  if (service === undefined) {
    return write(parsed, rest);
  }
  const matcher: Matcher = { name: SERVICE_LABEL, op: '=', value: service };
  if (i < 0) {
    return write(parsed, [matcher, ...rest]);
  }
  return write(
    parsed,
    parsed.matchers.map((m, j) => (j === i ? matcher : m))
  );
}

/** The selector without the matcher at `index`: the scope for that matcher's own value suggestions. */
export function withoutIndex(parsed: ParsedSelector, index: number): string {
  return write(
    parsed,
    parsed.matchers.filter((_, j) => j !== index)
  );
}

export function replaceAt(parsed: ParsedSelector, index: number, matcher: Matcher): string {
  return write(
    parsed,
    parsed.matchers.map((m, j) => (j === index ? matcher : m))
  );
}

export function appendMatcher(parsed: ParsedSelector, matcher: Matcher): string {
  return write(parsed, [...parsed.matchers, matcher]);
}

/** Normal form of a selector for cache keys and scopes (spacing and quoting do not make a new lookup). */
export function normalSelector(parsed: ParsedSelector): string {
  return write(parsed, parsed.matchers);
}
