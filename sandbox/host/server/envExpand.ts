import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';

/** Environment for expansion: a plain map, so tests do not have to touch `process.env`. */
export type ExpansionEnv = Record<string, string | undefined>;

/**
 * Grafana's provisioning interpolation (pkg/services/provisioning/values `interpolateValue`), rewritten for the
 * sandbox:
 *
 * 1. the value is split on `$$` (an escaped literal `$`);
 * 2. each part goes through Grafana's expanders: `${VAR}` / `$__env{VAR}` read the environment (`HOSTNAME` falls
 *    back to the machine's host name), `$__file{path}` reads a file and trims surrounding white space; any other
 *    `$__name{...}` (e.g. Enterprise's `$__vault`) is left for step 3, as in OSS Grafana;
 * 3. then Go's `os.ExpandEnv`: `$VAR` (letters, digits, `_`), `${VAR}`, and the shell's one-character names (`$1`,
 *    `$*`...). Unset variables become empty, a `$` followed by nothing expandable stays, `${}` and an unclosed `${`
 *    are eaten. `${VAR:-default}` is *not* a default: Go looks up a variable literally named `VAR:-default`.
 * 4. the parts are joined with `$`.
 *
 * Values inserted by step 2 are expanded again by step 3, exactly as Grafana does.
 *
 * @throws Error when a `$__file{...}` cannot be read (Grafana refuses to provision then too).
 */
export function expandProvisioningValue(value: string, env: ExpansionEnv): string {
  return value
    .split('$$')
    .map((part) => expandShell(applyExpanders(part, env), env))
    .join('$');
}

const EXPANDER = /\$(|__\w+)\{([^}]+)\}/g;

function applyExpanders(value: string, env: ExpansionEnv): string {
  // Grafana applies the `env` expander to every match first, then the `file` expander, each replacing the first
  // occurrence of the matched text; two passes over the matches found up front give the same result.
  let result = value;
  for (const expander of ['env', 'file'] as const) {
    const matches = [...result.matchAll(EXPANDER)];
    for (const [whole, prefix, argument] of matches) {
      const isMine = prefix === `__${expander}` || (prefix === '' && expander === 'env');
      if (isMine) {
        result = result.replace(whole, () => (expander === 'env' ? envValue(argument, env) : fileValue(argument)));
      }
    }
  }
  return result;
}

function envValue(name: string, env: ExpansionEnv): string {
  const value = env[name] ?? '';
  return name === 'HOSTNAME' && value === '' ? hostname() : value;
}

function fileValue(path: string): string {
  try {
    statSync(path);
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot expand $__file{${path}}: ${reason}`);
  }
}

const SHELL_SPECIAL = new Set(['*', '#', '$', '@', '!', '?', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

function isAlphaNum(c: string): boolean {
  return /^[A-Za-z0-9_]$/.test(c);
}

/** Go's `getShellName`: the variable name after a `$` and how many characters it used. */
function shellName(rest: string): { name: string; width: number } {
  if (rest[0] === '{') {
    if (rest.length > 2 && SHELL_SPECIAL.has(rest[1]) && rest[2] === '}') {
      return { name: rest[1], width: 3 };
    }
    const close = rest.indexOf('}', 1);
    if (close === 1) {
      return { name: '', width: 2 }; // `${}`: bad syntax, eaten
    }
    if (close === -1) {
      return { name: '', width: 1 }; // unclosed `${`: the brace is eaten
    }
    return { name: rest.slice(1, close), width: close + 1 };
  }
  if (SHELL_SPECIAL.has(rest[0])) {
    return { name: rest[0], width: 1 };
  }
  let i = 0;
  while (i < rest.length && isAlphaNum(rest[i])) {
    i++;
  }
  return { name: rest.slice(0, i), width: i };
}

/** Go's `os.Expand` with the given environment as the mapping. */
function expandShell(value: string, env: ExpansionEnv): string {
  let out = '';
  let from = 0;
  for (let j = 0; j < value.length; j++) {
    if (value[j] === '$' && j + 1 < value.length) {
      out += value.slice(from, j);
      const { name, width } = shellName(value.slice(j + 1));
      if (name === '' && width === 0) {
        out += '$'; // `$` not followed by a name stays
      } else if (name !== '') {
        out += env[name] ?? '';
      }
      j += width;
      from = j + 1;
    }
  }
  return out + value.slice(from);
}
