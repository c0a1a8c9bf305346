import { readSettings, settings, type AgreementVariableName, type EnvRecord } from "@/config/settings";
import type { AgreementLocale, AgreementVariables } from "@/domain/agreement";

/**
 * Values for the placeholders of the default agreement, per language. A CA sets its own through
 * the environment (AGREEMENT_CA_NAME_ZH, AGREEMENT_CA_NAME_EN, ...); the defaults describe the
 * demo CA so that an installation that sets nothing says plainly that it is a demonstration.
 * Tests pass their own environment record; by default the process's settings.
 */
/**
 * A document title as the Chinese text names it: the template itself puts the book-title marks
 * around {{cpsName}} and {{privacyPolicyName}} (《{{cpsName}}》), so a configured value that
 * already carries them ("《演示CA电子认证业务规则》") is stripped of them here, once, rather than
 * printed as 《《...》》.
 */
export function bareTitle(value: string): string {
  return value.trim().replace(/^《+/, "").replace(/》+$/, "").trim();
}

/**
 * The test page the agreement names (clause 1.8): /certificates, the signed-in subscriber's list of
 * certificates, each with its test page. A contract names one stable address; the per-certificate
 * test pages (/certificates/<id>/test) hang off it.
 */
const TEST_PAGE_PATH = "/certificates";

export function agreementVariablesFromEnv(env?: EnvRecord): Record<AgreementLocale, AgreementVariables> {
  const config = env ? readSettings(env) : settings();
  const v = (name: AgreementVariableName, fallback: string) => config.agreement[name] ?? fallback;
  const website = v("AGREEMENT_WEBSITE", config.portalUrl);
  const hotline = config.hotline;
  return {
    "zh-CN": {
      caName: v("AGREEMENT_CA_NAME_ZH", "演示电子认证服务有限公司"),
      caShortName: v("AGREEMENT_CA_SHORT_NAME_ZH", "演示CA"),
      website,
      hotline,
      testPageUrl: `${website.replace(/\/+$/, "")}${TEST_PAGE_PATH}`,
      cpsName: bareTitle(v("AGREEMENT_CPS_NAME_ZH", "演示CA电子认证业务规则")),
      privacyPolicyName: bareTitle(v("AGREEMENT_PRIVACY_POLICY_NAME_ZH", "演示CA个人信息保护政策")),
      arbitrationInstitution: v("AGREEMENT_ARBITRATION_ZH", "北京仲裁委员会"),
    },
    en: {
      caName: v("AGREEMENT_CA_NAME_EN", "Demo Electronic Certification Services Co., Ltd."),
      caShortName: v("AGREEMENT_CA_SHORT_NAME_EN", "Demo CA"),
      website,
      hotline,
      testPageUrl: `${website.replace(/\/+$/, "")}${TEST_PAGE_PATH}`,
      cpsName: v("AGREEMENT_CPS_NAME_EN", "Demo CA Certification Practice Statement"),
      privacyPolicyName: v("AGREEMENT_PRIVACY_POLICY_NAME_EN", "Demo CA Personal Information Protection Policy"),
      arbitrationInstitution: v("AGREEMENT_ARBITRATION_EN", "the Beijing Arbitration Commission"),
    },
  };
}
