import type { Profile } from '../profile';

/** What to look for in function names. */
export interface SearchQuery {
  text: string;
  /** Treat `text` as a regular expression instead of a substring. */
  regex?: boolean;
  caseSensitive?: boolean;
}

/** Which nodes match and how much of the profile they cover. */
export interface SearchResult {
  /** 1 for each name id whose name matches. */
  matchedNames: Uint8Array;
  /** 1 for each node whose name matches. */
  matchedNodes: Uint8Array;
  /** Number of matching nodes. */
  nodeCount: number;
  /** Total of matching nodes that have no matching ancestor (so nested matches are not counted twice). */
  matchedTotal: number;
  /** Same on the compared side of a diff. */
  matchedTotalRight?: number;
}

/**
 * 1 for each name id whose name matches: all a renderer needs to dim bars (a node matches when its name does).
 * Cheap: one test per distinct name. Throws `SearchQueryError` for an invalid regex; an empty query matches nothing.
 */
export function matchNames(profile: Profile, query: SearchQuery): Uint8Array {
  const matched = new Uint8Array(profile.names.length);
  if (query.text === '') {
    return matched;
  }
  // Case-insensitive substring search (the default, typed key by key) compares against names lowercased once per
  // string table, not once per keystroke.
  const insensitive = !query.regex && !query.caseSensitive;
  const names = insensitive ? lowerCased(profile.names) : profile.names;
  const test = insensitive ? substring(query.text.toLowerCase()) : matcher(query);
  for (let id = 0; id < names.length; id++) {
    matched[id] = test(names[id]) ? 1 : 0;
  }
  return matched;
}

/** An invalid regular expression. */
export class SearchQueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchQueryError';
  }
}

/**
 * Finds nodes whose function name matches. Names are tested once each (not once per node); an empty query matches
 * nothing. Throws `SearchQueryError` for an invalid regex.
 */
export function searchProfile(profile: Profile, query: SearchQuery): SearchResult {
  const matchedNames = new Uint8Array(profile.names.length);
  const n = profile.level.length;
  const matchedNodes = new Uint8Array(n);
  if (query.text === '') {
    return {
      matchedNames,
      matchedNodes,
      nodeCount: 0,
      matchedTotal: 0,
      ...(profile.right ? { matchedTotalRight: 0 } : {}),
    };
  }
  matchedNames.set(matchNames(profile, query));
  let nodeCount = 0;
  let matchedTotal = 0;
  let matchedTotalRight = 0;
  // Hot loop over every node: columns in locals, no property lookups per iteration.
  const level = profile.level;
  const nameId = profile.nameId;
  const total = profile.total;
  const rightTotal = profile.right ? profile.right.total : undefined;
  // matchDepth: depth of the outermost matching node on the current path, or -1.
  let matchDepth = -1;
  for (let i = 0; i < n; i++) {
    const d = level[i];
    if (matchDepth >= d) {
      matchDepth = -1;
    }
    if (matchedNames[nameId[i]] === 0) {
      continue;
    }
    matchedNodes[i] = 1;
    nodeCount++;
    if (matchDepth < 0) {
      matchDepth = d;
      matchedTotal += total[i];
      if (rightTotal) {
        matchedTotalRight += rightTotal[i];
      }
    }
  }
  return { matchedNames, matchedNodes, nodeCount, matchedTotal, ...(profile.right ? { matchedTotalRight } : {}) };
}

const lowerCache = new WeakMap<readonly string[], string[]>();

/**
 * Prepares what a case-insensitive search needs (the lowercased string table), so the first keystroke does not pay
 * for it. Call it when the UI is idle; searching works without it.
 */
export function warmSearch(profile: Profile): void {
  lowerCased(profile.names);
}

/**
 * The string table lowercased, computed once per table and shared by every case-insensitive reader (the search, the
 * top table's filter), so a 1M-node profile's tens of thousands of names are lowercased and kept once.
 */
export function lowerCased(names: readonly string[]): readonly string[] {
  let lower = lowerCache.get(names);
  if (!lower) {
    lower = names.map((n) => n.toLowerCase());
    lowerCache.set(names, lower);
  }
  return lower;
}

function substring(needle: string): (name: string) => boolean {
  return (name) => name.includes(needle);
}

function matcher(query: SearchQuery): (name: string) => boolean {
  if (query.regex) {
    let re: RegExp;
    try {
      re = new RegExp(query.text, query.caseSensitive ? 'u' : 'iu');
    } catch (err) {
      throw new SearchQueryError(
        `invalid regular expression ${JSON.stringify(query.text)}: ${(err as Error).message}`,
        {
          cause: err,
        }
      );
    }
    return (name) => re.test(name);
  }
  if (query.caseSensitive) {
    return (name) => name.includes(query.text);
  }
  const needle = query.text.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
