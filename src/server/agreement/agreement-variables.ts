import type { AgreementLocale, AgreementVariables } from "@/domain/agreement";

/**
 * Values for the placeholders of the default agreement, per language. A CA sets its own through
 * the environment (AGREEMENT_CA_NAME_ZH, AGREEMENT_CA_NAME_EN, ...); the defaults describe the
 * demo CA so that an installation that sets nothing says plainly that it is a demonstration.
 */
export function agreementVariablesFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Record<AgreementLocale, AgreementVariables> {
  const v = (name: string, fallback: string) => env[name]?.trim() || fallback;
  const website = v("AGREEMENT_WEBSITE", env.PORTAL_URL ?? "http://localhost:3000");
  const hotline = v("PORTAL_HOTLINE", "400-000-0000");
  return {
    "zh-CN": {
      caName: v("AGREEMENT_CA_NAME_ZH", "演示电子认证服务有限公司"),
      caShortName: v("AGREEMENT_CA_SHORT_NAME_ZH", "演示CA"),
      website,
      hotline,
      testPageUrl: `${website.replace(/\/+$/, "")}/certificates`,
      cpsName: v("AGREEMENT_CPS_NAME_ZH", "《演示CA电子认证业务规则》"),
      privacyPolicyName: v("AGREEMENT_PRIVACY_POLICY_NAME_ZH", "《演示CA个人信息保护政策》"),
      arbitrationInstitution: v("AGREEMENT_ARBITRATION_ZH", "北京仲裁委员会"),
    },
    en: {
      caName: v("AGREEMENT_CA_NAME_EN", "Demo Electronic Certification Services Co., Ltd."),
      caShortName: v("AGREEMENT_CA_SHORT_NAME_EN", "Demo CA"),
      website,
      hotline,
      testPageUrl: `${website.replace(/\/+$/, "")}/certificates`,
      cpsName: v("AGREEMENT_CPS_NAME_EN", "Demo CA Certification Practice Statement"),
      privacyPolicyName: v("AGREEMENT_PRIVACY_POLICY_NAME_EN", "Demo CA Personal Information Protection Policy"),
      arbitrationInstitution: v("AGREEMENT_ARBITRATION_EN", "the Beijing Arbitration Commission"),
    },
  };
}
