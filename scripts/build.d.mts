// Types of scripts/build.mjs, for the TypeScript that imports it (the benchmark and the tests).
export declare const ENTRIES: Readonly<Record<string, string>>;
export declare function inputHash(): string;
export declare function ensureBuilt(options?: { log?: (msg: string) => void }): Promise<string>;
export declare function builtEntry(name: string, options?: { log?: (msg: string) => void }): Promise<string>;
