export declare const REPO_ROOT: string;
export interface FuzzClass {
  signature: string;
  id: number;
  dir: string;
  count: number;
  first: number;
  oracle: string;
  stage: string;
  message: string;
  kind: string;
}
export interface FuzzSummary {
  seed: number | string;
  start: number;
  cases: number;
  seconds: number;
  casesPerSecond: number;
  workers: number;
  counts: Record<string, number>;
  failedCases: number;
  byKind: Record<string, { cases: number; failed: number; ms: number }>;
  classes: FuzzClass[];
  line: string;
}
export declare function runFuzz(options?: {
  cases?: number;
  seed?: number | string;
  workers?: number;
  timeoutMs?: number;
  start?: number;
  out?: string;
  lib?: string;
  root?: string;
  minimize?: boolean;
  minimizeMs?: number;
  maxBundles?: number;
  progressMs?: number;
  log?: (line: string) => void;
}): Promise<FuzzSummary>;
