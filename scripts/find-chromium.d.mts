export declare const SYSTEM_CHROMIUM_ARGS: string[];
export declare const NO_CHROMIUM_MESSAGE: string;
export declare function findChromium(): { kind: "playwright" | "system"; executablePath: string; args: string[] } | undefined;
