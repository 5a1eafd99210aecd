// biome-ignore-all lint/suspicious/noExplicitAny: the harness is plain JavaScript
export declare function parseYaml(text: string): any;
export declare function loadCorpus(root: string): { sets: any[]; facts: any[]; cases: any[] };
