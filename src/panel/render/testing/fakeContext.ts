import type { CanvasContextLike } from '../draw';

/** One recorded call of the fake context, with the style in effect. */
export interface RecordedCall {
  op: 'fillRect' | 'strokeRect' | 'clearRect' | 'fillText' | 'setTransform' | 'save' | 'restore';
  args: Array<number | string>;
  fillStyle: unknown;
  strokeStyle: unknown;
  font: string;
  textAlign: string;
}

/** Monospace measuring: every character (the ellipsis too) is `charWidthPx` wide. */
export function monospaceWidth(text: string, charWidthPx = 7): number {
  return text.length * charWidthPx;
}

/** A CanvasContextLike that records every drawing call (or, with `record: false`, only counts them). */
export class FakeContext implements CanvasContextLike {
  fillStyle: unknown = '#000';
  strokeStyle: unknown = '#000';
  lineWidth = 1;
  font = '10px sans-serif';
  textBaseline = 'alphabetic';
  textAlign = 'start';
  readonly calls: RecordedCall[] = [];
  count = 0;
  measureCalls = 0;

  constructor(
    private readonly record = true,
    private readonly charWidthPx = 7
  ) {}

  private push(op: RecordedCall['op'], args: Array<number | string>): void {
    this.count++;
    if (this.record) {
      this.calls.push({
        op,
        args,
        fillStyle: this.fillStyle,
        strokeStyle: this.strokeStyle,
        font: this.font,
        textAlign: this.textAlign,
      });
    }
  }

  save(): void {
    this.push('save', []);
  }
  restore(): void {
    this.push('restore', []);
  }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.push('setTransform', [a, b, c, d, e, f]);
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.push('clearRect', [x, y, w, h]);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    if (this.record) {
      this.push('fillRect', [x, y, w, h]);
    } else {
      this.count++;
    }
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.push('strokeRect', [x, y, w, h]);
  }
  fillText(text: string, x: number, y: number): void {
    this.push('fillText', [text, x, y]);
  }
  measureText(text: string): { width: number } {
    this.measureCalls++;
    return { width: monospaceWidth(text, this.charWidthPx) };
  }

  /** Recorded calls of one kind. */
  ops(op: RecordedCall['op']): RecordedCall[] {
    return this.calls.filter((c) => c.op === op);
  }
}
