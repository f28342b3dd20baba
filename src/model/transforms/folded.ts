import { ProfileDecodeError } from '../errors';
import type { Profile } from '../profile';
import { StackTreeBuilder } from '../treeBuilder';
import type { ValueUnit } from '../units';

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

/**
 * Reads folded stacks; each line is split at its last space (so frames may contain spaces). Blank lines are
 * skipped; a line without a non-negative number at the end is an error naming the line.
 */
export function parseFolded(text: string, unit: ValueUnit): Profile {
  const builder = new StackTreeBuilder();
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '') {
      continue;
    }
    const cut = line.lastIndexOf(' ');
    const value = cut > 0 ? Number(line.slice(cut + 1)) : NaN;
    if (!(value >= 0) || value === Infinity) {
      throw new ProfileDecodeError('folded', `expected "frame;frame;... <value>", got "${line.slice(0, 80)}"`, {
        offset: ln + 1,
      });
    }
    const frames = line.slice(0, cut).trimEnd().split(';');
    builder.addStack(
      frames.map((f) => builder.intern(f)),
      value
    );
  }
  return builder.build(unit);
}
