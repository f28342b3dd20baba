// Types of singleCopy.mjs (plain JavaScript so that build.mjs can import it without a compiler).
export declare const SINGLE_COPY_PACKAGES: string[];
export declare function packageOf(
  file: string
): { name: string; root: string; inner: string; vendored: boolean } | undefined;
export declare function entryFiles(manifest: unknown): Set<string>;
export declare function duplicateCopies(
  inputs: string[],
  options?: { cwd?: string; packages?: string[]; readManifest?: (root: string) => unknown }
): string[];
