/** The last `max` non-blank lines of a text stream fed in arbitrary chunks (for error messages). */
export class LineTail {
  private readonly kept: string[] = [];
  private partial = '';

  constructor(private readonly max: number) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() !== '') {
        this.kept.push(line);
      }
    }
    this.kept.splice(0, Math.max(0, this.kept.length - this.max));
  }

  /** The kept lines, the unfinished last one included. */
  lines(): string[] {
    const all = this.partial.trim() !== '' ? [...this.kept, this.partial] : [...this.kept];
    return all.slice(-this.max);
  }
}
