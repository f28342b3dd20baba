import type { Profile } from '../../src/model/profile';
import { StackTreeBuilder } from '../../src/model/treeBuilder';
import type { ValueUnit } from '../../src/model/units';
import { UploadDecodeError } from './uploadError';

/**
 * Folded stacks as agents upload them to `/ingest` (`a;b;c 123` per line): frames from the root's child down,
 * the line's value at the end. Each line is split at its last space, so frames may contain spaces; blank lines are
 * skipped; a line without a non-negative number at its end is refused, naming the line.
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
      throw new UploadDecodeError(
        'folded',
        `line ${ln + 1}: expected "frame;frame;... <value>", got "${line.slice(0, 80)}"`
      );
    }
    builder.addStack(
      line
        .slice(0, cut)
        .trimEnd()
        .split(';')
        .map((f) => builder.intern(f)),
      value
    );
  }
  return builder.build(unit);
}
