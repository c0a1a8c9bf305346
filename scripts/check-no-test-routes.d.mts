export declare function inspectBuild(distDir: string): { testRoutes: string[]; problems: string[] };
