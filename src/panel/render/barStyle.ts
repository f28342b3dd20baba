import type { DiffPalette } from '../../model/contract';
import type { SearchResult } from '../../model/transforms/search';
import type { Profile } from '../../model/profile';
import {
  createNodeColorer,
  themeColors,
  type ColorScheme,
  type DiffThresholds,
  type FlameThemeColors,
  type ThemeMode,
} from './colors';
import type { NameLanguage } from './packageName';

/** Everything that decides a bar's colours. */
export interface BarStyleInput extends DiffThresholds {
  profile: Profile;
  colorScheme: ColorScheme;
  theme: ThemeMode;
  /** Overrides of the theme's fixed colours (e.g. from the Grafana theme). */
  colors?: Partial<FlameThemeColors>;
  diffPalette?: DiffPalette;
  /** Package rules for the `package` scheme. */
  language?: NameLanguage;
  /**
   * Active search: bars whose function matches keep their colour, the others are dimmed. By name (a node matches
   * when its name does), so the per-node pass of a search is not needed to repaint. Omit when the search is empty.
   */
  search?: Pick<SearchResult, 'matchedNames'>;
  /** Name id of the selected function: its bars are drawn in the highlight colour. -1 or omitted for none. */
  highlightedNameId?: number;
}

/** Fill and text colour of bars, decided once per draw; lookups only per bar. */
export interface BarStyler {
  readonly colors: FlameThemeColors;
  /** Fill colour of a bar. */
  fill(node: number, mergedCount: number, isFocusAncestor: boolean): string;
  /** True when the bar is dimmed (its label uses the dimmed text colour). */
  dimmed(node: number, mergedCount: number, isFocusAncestor: boolean): boolean;
}

/**
 * Precedence, highest first: merged bars grey; focus ancestors grey; the highlighted function's bars in the
 * highlight colour; with a search, non-matching bars dimmed; otherwise the scheme colour.
 */
export function createBarStyler(input: BarStyleInput): BarStyler {
  const colors: FlameThemeColors = { ...themeColors(input.theme), ...input.colors };
  const schemeColor = createNodeColorer(input.profile, {
    scheme: input.colorScheme,
    theme: input.theme,
    diffPalette: input.diffPalette,
    language: input.language,
    minRelativeChange: input.minRelativeChange,
    minShareChange: input.minShareChange,
  });
  const nameId = input.profile.nameId;
  const highlighted = input.highlightedNameId ?? -1;
  const matched = input.search?.matchedNames;
  const isDimmed = (node: number): boolean =>
    matched !== undefined && matched[nameId[node]] !== 1 && !(highlighted >= 0 && nameId[node] === highlighted);
  return {
    colors,
    fill(node, mergedCount, isFocusAncestor) {
      if (mergedCount > 1) {
        return colors.mergedBar;
      }
      if (isFocusAncestor) {
        return colors.ancestorBar;
      }
      if (highlighted >= 0 && nameId[node] === highlighted) {
        return colors.highlightBar;
      }
      return isDimmed(node) ? colors.dimmedBar : schemeColor(node);
    },
    dimmed(node, mergedCount, isFocusAncestor) {
      return mergedCount <= 1 && !isFocusAncestor && isDimmed(node);
    },
  };
}
