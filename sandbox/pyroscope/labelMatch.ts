import type { Matcher } from './selector';

/**
 * Series selection as Grafana Pyroscope does it with Prometheus' `labels.Matcher`: a missing label reads as the
 * empty string, and regexes are fully anchored with `.` matching line breaks (`^(?s:re)$`, `NewFastRegexMatcher`).
 * Regexes run on JavaScript's engine with the `u` flag (code points, as RE2 matches); RE2's escapes of punctuation
 * that JavaScript refuses in `u` mode (`\-`, `\"`, `\,` ...) are rewritten as `\xHH`. RE2-only syntax (`(?i)`,
 * `\z`, `\pN`) fails to compile, which the selector reader reports as a parse error.
 */

/** Characters JavaScript accepts after `\` in a `u` regex outside a class, besides letters and digits. */
const JS_SYNTAX_ESCAPES = new Set('^$\\.*+?()[]{}|/'.split(''));

/**
 * The JavaScript regex for a matcher's (unanchored) pattern, compiled alone first so that `a)|(b` does not slip
 * through the anchoring group. Throws `SyntaxError` with the engine's message.
 */
export function toJsRegex(pattern: string): RegExp {
  let source = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const e = pattern[i + 1];
      if (/[!-/:-@[-`{-~]/.test(e) && !JS_SYNTAX_ESCAPES.has(e) && !(inClass && e === '-')) {
        source += `\\x${e.charCodeAt(0).toString(16).padStart(2, '0')}`;
      } else {
        source += c + e;
      }
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
    } else if (c === ']') {
      inClass = false;
    }
    source += c;
  }
  new RegExp(source, 'su');
  return new RegExp(`^(?:${source})$`, 'su');
}

const regexCache = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    if (regexCache.size > 1000) {
      regexCache.clear();
    }
    re = toJsRegex(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

/** True when `labels` satisfy every matcher (parsed by `parsePromSelector`, so every regex compiles). */
export function matchesLabels(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  for (const m of matchers) {
    const actual = Object.prototype.hasOwnProperty.call(labels, m.name) ? labels[m.name] : '';
    let ok: boolean;
    switch (m.op) {
      case '=':
        ok = actual === m.value;
        break;
      case '!=':
        ok = actual !== m.value;
        break;
      case '=~':
        ok = anchored(m.value).test(actual);
        break;
      case '!~':
        ok = !anchored(m.value).test(actual);
        break;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}
