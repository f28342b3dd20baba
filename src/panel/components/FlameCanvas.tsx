import React, { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { useTheme2 } from '@grafana/ui';

import type { Profile } from '../../model/profile';
import type { SearchResult } from '../../model/transforms/search';
import type { DiffPalette } from '../../model/contract';
import type { ColorScheme } from '../render/colors';
import { drawFlameGraph, redrawHover } from '../render/draw';
import { buildFlameIndex } from '../render/flameIndex';
import { hitTest } from '../render/hitTest';
import { createBarRef } from '../render/bar';
import { createLabelFitter, type TextAlign } from '../render/textFit';
import { textMeasurer } from './textMeasure';
import {
  DEFAULT_ROW_HEIGHT_PX,
  contentHeightPx,
  scrollTopFromNative,
  type Orientation,
  type Viewport,
} from '../render/viewport';
import { FocusPreview, withFocus } from './focusPreview';
import { useCallAfterPaint } from './useAfterPaint';
import { useRepaint, type PaintedState } from './useRepaint';
import { nextNodeForKey } from './keyboardNav';

const ROW_HEIGHT_PX = DEFAULT_ROW_HEIGHT_PX;

/** Props of the canvas flame graph. */
export interface FlameCanvasProps {
  profile: Profile;
  widthPx: number;
  heightPx: number;
  orientation: Orientation;
  focusNode: number;
  colorScheme: ColorScheme;
  diffPalette: DiffPalette;
  textAlign: TextAlign;
  /** Names matching the search (bars of other functions are dimmed). */
  search?: Pick<SearchResult, 'matchedNames'>;
  highlightedNameId?: number;
  /** Click (or Enter) on a frame; absent: the graph cannot be focused (clicks do nothing). */
  onFocus?(node: number): void;
  /** Double click or Escape. */
  onReset(): void;
  /** Hover changes: the node (or -1) and where the pointer is (client px), for the tooltip. */
  onHover(node: number, clientX: number, clientY: number): void;
  /** Right click on a frame. */
  onContextMenu(node: number, clientX: number, clientY: number): void;
  /** Accessible name of the canvas. */
  label?: string;
  testId?: string;
}

/**
 * The React side of the flame graph: owns the canvas (sized to the viewport, never to the whole graph), the scroll
 * container, pointer and keyboard events and the paint scheduling. Layout, painting and hit-testing are the pure
 * modules in `../render`; hover redraws are incremental and every paint is coalesced into one animation frame.
 */
export function FlameCanvas(props: FlameCanvasProps) {
  const { profile, widthPx, heightPx, orientation, focusNode } = props;
  const theme = useTheme2();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [nativeScrollTop, setNativeScrollTop] = useState(0);
  // Width taken by the scroll container's vertical scrollbar, when it shows one.
  const [scrollbarPx, setScrollbarPx] = useState(0);
  const hovered = useRef(-1);
  const [keyboardNode, setKeyboardNode] = useState(-1);
  const frame = useRef(0);
  const pixelRatio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const index = useMemo(() => buildFlameIndex(profile), [profile]);
  const font = `${theme.typography.bodySmall.fontSize} ${theme.typography.fontFamily}`;
  const focus = useMemo(() => ({ node: focusNode }), [focusNode]);
  const canvasWidthPx = Math.max(1, widthPx - scrollbarPx);
  const baseViewport = {
    widthPx: canvasWidthPx,
    heightPx,
    scrollTopPx: 0,
    rowHeightPx: ROW_HEIGHT_PX,
    pixelRatio,
    orientation,
  };
  const totalHeightPx = Math.max(heightPx, contentHeightPx(index, baseViewport, focus));
  const viewport: Viewport = {
    ...baseViewport,
    scrollTopPx: scrollTopFromNative(nativeScrollTop, totalHeightPx, baseViewport),
  };
  const fitter = useMemo(() => {
    // Text widths are measured once per (name, font), on the page's shared offscreen context for the font.
    const measure = textMeasurer(font);
    return createLabelFitter(measure ?? ((text) => text.length * 7), { font });
  }, [font]);

  const input = {
    index,
    profile,
    viewport,
    focus,
    font,
    textAlign: props.textAlign,
    colorScheme: props.colorScheme,
    diffPalette: props.diffPalette,
    theme: theme.isDark ? ('dark' as const) : ('light' as const),
    search: props.search,
    highlightedNameId: props.highlightedNameId ?? -1,
    labelFitter: fitter,
  };
  const inputRef = useRef(input);
  // Paints happen in animation frames and event handlers: they read the latest input (and hover) from refs.
  useLayoutEffect(() => {
    inputRef.current = input;
  });
  const keyboardRef = useRef(-1);
  useLayoutEffect(() => {
    keyboardRef.current = keyboardNode;
  }, [keyboardNode]);
  // A focus click is drawn before the view's state follows it (focusAhead below): until then this is the focus on
  // the canvas, and paints and hit tests use it.
  const ahead = useRef<number | undefined>(undefined);
  /** What the canvas shows: the rendered input, or it with the focus a click has drawn ahead of React. */
  const shownInput = useCallback(() => {
    const node = ahead.current;
    return node === undefined ? inputRef.current : withFocus(inputRef.current, node);
  }, []);
  const drawInput = useCallback(
    () => ({ ...shownInput(), hoveredNode: hovered.current >= 0 ? hovered.current : keyboardRef.current }),
    [shownInput]
  );

  // The zoom of the hovered bar, drawn in idle time: a click on it is one bitmap copy (see FocusPreview).
  const preview = useMemo(() => new FocusPreview(), []);
  useEffect(() => () => preview.dispose(), [preview]);
  const painted = useRef<PaintedState>({ focus: -1, deps: [] });
  const paintNow = useCallback(() => {
    cancelAnimationFrame(frame.current);
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) {
      const next = drawInput();
      if (!preview.paint(ctx, next)) {
        drawFlameGraph(ctx, next);
      }
      painted.current = { ...painted.current, focus: next.focus.node };
    }
  }, [drawInput, preview]);
  /** Repaint in the next animation frame, coalescing bursts (pointer leaving, hover fallbacks). */
  const paint = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(paintNow);
  }, [paintNow]);

  // A change of what is shown repaints before the browser paints this frame (React has already batched the
  // updates). The view's focus catching up with a focus already drawn ahead repaints nothing.
  const paintDeps = [
    profile,
    canvasWidthPx,
    heightPx,
    orientation,
    nativeScrollTop,
    props.colorScheme,
    props.diffPalette,
    props.textAlign,
    props.search,
    props.highlightedNameId,
    keyboardNode,
    theme,
    pixelRatio,
  ];
  useRepaint(paintNow, painted, ahead, focusNode, paintDeps);

  // A focus click (or Enter) draws the new focus in the next animation frame, with nothing else in the way; the view
  // (breadcrumb, tooltip, toolbar, table selection) follows in a task after that frame is painted, so a user sees
  // the zoom after one canvas paint, not after a React render of the whole panel.
  const focusable = props.onFocus !== undefined;
  const followFocus = useCallAfterPaint((node: number) => props.onFocus?.(node));
  useEffect(() => followFocus.cancel, [followFocus]);
  const focusAhead = useCallback(
    (node: number) => {
      if (!focusable) {
        return;
      }
      ahead.current = node;
      paint();
      followFocus.schedule(node);
    },
    [paint, followFocus, focusable]
  );
  /** Reset (double click, Escape): a focus drawn ahead and not followed yet is dropped with the rest. */
  const reset = () => {
    followFocus.cancel();
    if (ahead.current !== undefined) {
      ahead.current = undefined;
      paint();
    }
    props.onReset();
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // The scrollbar's width is read only when it appears, disappears or the panel resizes: reading layout on every
  // focus change would force a synchronous layout in the middle of the click.
  const scrollable = totalHeightPx > heightPx;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) {
      setScrollbarPx(el.offsetWidth - el.clientWidth);
    }
  }, [scrollable, widthPx, heightPx]);

  // A new focus or orientation starts at the root edge of the content. Computed from the content height we set,
  // and written only when the position must change, so no layout is read during a focus click.
  const rootEdgeTop = orientation === 'flame' ? Math.max(0, totalHeightPx - heightPx) : 0;
  const rootEdgeRef = useRef(rootEdgeTop);
  useLayoutEffect(() => {
    rootEdgeRef.current = rootEdgeTop;
  });
  const nativeScrollRef = useRef(0);
  useLayoutEffect(() => {
    nativeScrollRef.current = nativeScrollTop;
  }, [nativeScrollTop]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const target = rootEdgeRef.current;
    if (el && nativeScrollRef.current !== target) {
      el.scrollTop = target;
      setNativeScrollTop(target);
    }
  }, [focusNode, orientation, profile]);

  const nodeAt = (e: React.MouseEvent): number => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) {
      return -1;
    }
    const s = shownInput();
    return hitTest(s.index, s.profile, s.viewport, s.focus, e.clientX - rect.left, e.clientY - rect.top, {
      bar: hitBar,
    });
  };

  const onMouseMove = (e: React.MouseEvent) => {
    const node = nodeAt(e);
    if (node !== hovered.current) {
      const previous = hovered.current;
      hovered.current = node;
      const shownFocus = ahead.current ?? focusNode;
      if (focusable && node >= 0 && node !== shownFocus) {
        preview.prepare({ ...withFocus(inputRef.current, node), hoveredNode: node });
      } else {
        preview.cancel();
      }
      const ctx = canvasRef.current?.getContext('2d');
      const next = drawInput();
      // Only the two bars involved are repainted; a full paint is the fallback.
      if (!ctx || !redrawHover(ctx, next, previous)) {
        paint();
      }
    }
    props.onHover(node, e.clientX, e.clientY);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      setKeyboardNode(-1);
      reset();
      return;
    }
    if (e.key === 'Enter' && keyboardNode >= 0) {
      focusAhead(keyboardNode);
      return;
    }
    const next = nextNodeForKey(index, e.key, keyboardNode >= 0 ? keyboardNode : focusNode, orientation);
    if (next !== undefined) {
      e.preventDefault();
      setKeyboardNode(next);
    }
  };

  const styles = getStyles(widthPx, heightPx);
  return (
    <div
      ref={scrollRef}
      className={styles.scroll}
      onScroll={(e) => setNativeScrollTop(e.currentTarget.scrollTop)}
      data-testid={props.testId ? `${props.testId}-scroll` : undefined}
    >
      <div style={{ height: totalHeightPx, position: 'relative' }}>
        <canvas
          ref={canvasRef}
          className={styles.canvas}
          width={Math.round(canvasWidthPx * pixelRatio)}
          height={Math.round(heightPx * pixelRatio)}
          style={{ width: canvasWidthPx, height: heightPx }}
          tabIndex={0}
          role="img"
          aria-label={props.label ?? 'Flame graph'}
          data-testid={props.testId}
          onMouseMove={onMouseMove}
          onMouseLeave={(e) => {
            hovered.current = -1;
            paint();
            props.onHover(-1, e.clientX, e.clientY);
          }}
          onClick={(e) => {
            const node = nodeAt(e);
            if (node >= 0) {
              focusAhead(node);
            }
          }}
          onDoubleClick={reset}
          onContextMenu={(e) => {
            const node = nodeAt(e);
            if (node >= 0) {
              e.preventDefault();
              props.onContextMenu(node, e.clientX, e.clientY);
            }
          }}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}

const hitBar = createBarRef();

const getStyles = (widthPx: number, heightPx: number) => ({
  scroll: css({ width: widthPx, height: heightPx, overflowY: 'auto', overflowX: 'hidden', position: 'relative' }),
  // The canvas stays in view while the spacer scrolls: it always shows the viewport.
  canvas: css({ position: 'sticky', top: 0, display: 'block', outline: 'none' }),
});
