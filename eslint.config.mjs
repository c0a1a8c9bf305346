import vitals from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

const config = [
  { ignores: [".next*/**", "node_modules/**", "src/generated/**", ".data/**", ".test-data/**", "test-results*/**", "playwright-report/**", "tools/**/node_modules/**", "next-env.d.ts"] },
  ...vitals,
  ...ts,
];
export default config;
