import type { Plugin } from "esbuild";
/** See scripts/strip-docs.mjs. */
export declare function stripDocs(
  text: string,
  fileName?: string,
): { text: string; removed: number; kept: number };
/** See scripts/strip-docs.mjs. */
export declare function stripDocsPlugin(root?: string): Plugin;
