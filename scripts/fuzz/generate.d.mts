// biome-ignore-all lint/suspicious/noExplicitAny: the harness is plain JavaScript
export declare const KINDS: [number, string][];
export declare function prepareEnv(lib: any, corpus: any): any;
export declare function generateCase(env: any, seed: number | string, no: number): any;
