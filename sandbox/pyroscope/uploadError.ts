/** An uploaded profile the test server cannot read; ingestion answers it as the real server does (422/400). */
export class UploadDecodeError extends Error {
  constructor(
    readonly format: 'pprof' | 'folded',
    problem: string
  ) {
    super(`${format === 'pprof' ? 'pprof profile' : 'folded stacks'}: ${problem}`);
    this.name = 'UploadDecodeError';
  }
}
