import type { Profile } from '../profile';

/**
 * Folded stacks text (`a;b;c 123` per line, Brendan Gregg's format, also what Pyroscope ingests): one line per node
 * with a self value, frames from the root's child to the node. The synthetic root is not written. The format has no
 * escaping: line breaks in names become spaces, a `;` in a name cannot be told from a frame boundary.
 * Diff profiles export their baseline (left) side.
 */
export function toFolded(profile: Profile): string {
  const names = profile.names.map((s) => s.replace(/[\r\n]+/g, ' '));
  const path: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < profile.level.length; i++) {
    const d = profile.level[i];
    if (d === 0) {
      continue;
    }
    path.length = d - 1;
    path.push(names[profile.nameId[i]]);
    if (profile.self[i] > 0) {
      lines.push(`${path.join(';')} ${profile.self[i]}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
