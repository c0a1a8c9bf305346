import { defaultAgreementV1En } from "./default-agreement-v1.en";
import { defaultAgreementV1Zh } from "./default-agreement-v1.zh";
import type { AgreementVersion } from "./types";

/** The agreement a fresh installation publishes as version 1 (placeholders filled from config). */
export const defaultAgreementV1 = {
  version: 1,
  texts: { "zh-CN": defaultAgreementV1Zh, en: defaultAgreementV1En },
} as const satisfies AgreementVersion;
