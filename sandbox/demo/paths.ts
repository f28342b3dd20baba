import { resolve } from 'node:path';

/** The repository root (this file is `sandbox/demo/paths.ts`). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
