// biome-ignore-all lint/suspicious/noExplicitAny: the harness is plain JavaScript
export declare function canon(v: unknown): string;
export declare function runCase(lib: any, c: any, env: any): any[];
export declare function signature(f: any): string;
export declare function jsonSafe(v: unknown): boolean;
