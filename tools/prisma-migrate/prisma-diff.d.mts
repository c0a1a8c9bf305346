// Types for tests that drive the tool from TypeScript.
export declare const toolDir: string;
export declare const repoRoot: string;
export declare const schemaPath: string;
export declare const migrationsDir: string;
export declare function ensureInstalled(options?: { quiet?: boolean }): void;
export declare function withUrl(schemaFile: string, tmpDir: string): string;
export declare function migrateDiff(args: string[]): Promise<string>;
export declare function diffMigrationsTo(schemaFile?: string, migrations?: string): Promise<string>;
export declare function diffEmptyTo(schemaFile?: string): Promise<string>;
export declare function isEmptyDiff(sql: string): boolean;
