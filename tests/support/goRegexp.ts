import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

import { goHome, runGo, runOffline } from './goPprof';

/**
 * Go's own `regexp` as a test oracle (tests/support/goRegexpOracle.go, built in the offline Go environment of
 * goPprof.ts): for each pattern, Go's error code, or whether it matches each subject.
 */

export interface GoRegexpAnswer {
  /** Go's `regexp/syntax` error code ("missing closing )"), or '' when the pattern compiles. */
  readonly error: string;
  /** Per subject, `regexp.MatchString`; null when the pattern does not compile. */
  readonly matches: readonly boolean[] | null;
}

let built: string | undefined;

/**
 * The oracle program, built once per source and Go version: the binary's name holds a hash of both, and it is
 * built under a temporary name and renamed, so test runs side by side never see a half-written binary.
 */
function oracleBinary(): string {
  if (!built) {
    const source = join(__dirname, 'goRegexpOracle.go');
    const hash = createHash('sha256').update(readFileSync(source)).update(goVersion()).digest('hex').slice(0, 16);
    const out = join(goHome(), `goRegexpOracle-${hash}`);
    if (!existsSync(out)) {
      const partial = `${out}.${process.pid}.partial`;
      runGo(['build', '-o', partial, source]);
      renameSync(partial, out);
    }
    built = out;
  }
  return built;
}

/** Asks Go about every pattern against every subject (subjects must be well-formed: no lone surrogates). */
export function goRegexpAnswers(patterns: readonly string[], subjects: readonly string[]): GoRegexpAnswer[] {
  return JSON.parse(runOffline(oracleBinary(), [], JSON.stringify({ patterns, subjects }))) as GoRegexpAnswer[];
}

/** The Go version the oracle runs (`go1.19.8`): some syntax is newer than Debian's Go. */
export function goVersion(): string {
  return runGo(['env', 'GOVERSION']).trim();
}
