import React from 'react';

import type { Profile } from '../../model/profile';
import type { Sandwich } from '../../model/transforms/sandwich';
import type { FlameGraphOptions } from '../options';
import { FlameCanvas, type FlameCanvasProps } from './FlameCanvas';

/** What every canvas of the view shares (colours, search dimming, selection, context menu). */
export type SharedCanvasProps = Pick<
  FlameCanvasProps,
  'colorScheme' | 'diffPalette' | 'textAlign' | 'search' | 'highlightedNameId' | 'onContextMenu'
>;

/** Props of `FlameGraphCanvases`. */
export interface FlameGraphCanvasesProps {
  shared: SharedCanvasProps;
  profile: Profile;
  /** The sandwich of a function: its callers above its callees, instead of the flame graph. */
  sandwiched?: Sandwich;
  widthPx: number;
  heightPx: number;
  orientation: FlameGraphOptions['orientation'];
  focusNode: number;
  onFocus: (node: number) => void;
  /** Hover reports, told which profile the node id belongs to (a sandwich has two). */
  onHover: (profile: Profile) => (node: number, x: number, y: number) => void;
  onReset: () => void;
  onCloseSandwich: () => void;
}

/**
 * The flame graph's canvas, or a sandwich's two (callers as a flame, callees as an icicle, neither focusable: a
 * click there changes nothing, Escape or a double click closes the sandwich).
 */
export function FlameGraphCanvases(props: FlameGraphCanvasesProps) {
  const { shared, sandwiched, widthPx, heightPx, onHover, onCloseSandwich } = props;
  if (sandwiched) {
    return (
      <div data-testid="flamelens-sandwich">
        <FlameCanvas
          {...shared}
          profile={sandwiched.callers}
          onHover={onHover(sandwiched.callers)}
          widthPx={widthPx}
          heightPx={Math.floor(heightPx / 2)}
          orientation="flame"
          focusNode={0}
          onReset={onCloseSandwich}
          label="Callers"
          testId="flamelens-sandwich-callers"
        />
        <FlameCanvas
          {...shared}
          profile={sandwiched.callees}
          onHover={onHover(sandwiched.callees)}
          widthPx={widthPx}
          heightPx={Math.floor(heightPx / 2)}
          orientation="icicle"
          focusNode={0}
          onReset={onCloseSandwich}
          label="Callees"
          testId="flamelens-sandwich-callees"
        />
      </div>
    );
  }
  return (
    <FlameCanvas
      {...shared}
      profile={props.profile}
      onHover={onHover(props.profile)}
      widthPx={widthPx}
      heightPx={heightPx}
      orientation={props.orientation}
      focusNode={props.focusNode}
      onFocus={props.onFocus}
      onReset={props.onReset}
      testId="flamelens-canvas"
    />
  );
}
