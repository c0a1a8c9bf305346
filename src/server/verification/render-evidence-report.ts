import type { Check } from "@/ca/verify/verdict";
import type { EvidenceReport } from "./internal/evidence-report";

export type ReportLang = "zh" | "en";

const L = {
  zh: {
    title: "验证证据报告",
    kind: { certificate: "证书验证", signature: "签名验证", timestamp: "时间戳验证" },
    overall: { valid: "有效", invalid: "无效", indeterminate: "无法确定" },
    outcome: { pass: "通过", fail: "未通过", cannot_tell: "无法确定" },
    check: {
      structure: "格式",
      signature: "签名值",
      signer_certificate: "签名者证书",
      chain: "证书链",
      validity: "有效期",
      revocation: "撤销状态",
      key_usage: "密钥用法",
      timestamp: "时间戳",
      message_imprint: "数据摘要",
    },
    result: "结论",
    checks: "检查项",
    item: "项目",
    outcomeCol: "结果",
    reason: "说明",
    detail: "细节",
    inputs: "输入文件",
    role: { certificate: "证书", signature: "签名", signedData: "原文", timestampToken: "时间戳令牌" },
    size: "大小（字节）",
    checkedAt: "检查时间",
    verificationTime: "验证所针对的时间",
    signingTime: "签名时间",
    signer: "签名者",
    genTime: "时间戳时间",
    serial: "序列号",
    keyAlgorithm: "公钥算法",
    signatureAlgorithm: "签名算法",
    checker: "检查程序",
    reportId: "报告编号",
    digest: "报告摘要（SHA-256）",
    note: "本报告记录了所提交内容的 SHA-256 摘要和检查结果。任何人可用相同文件重新验证，并比对摘要。",
  },
  en: {
    title: "Verification evidence report",
    kind: { certificate: "Certificate verification", signature: "Signature verification", timestamp: "Timestamp verification" },
    overall: { valid: "Valid", invalid: "Invalid", indeterminate: "Indeterminate" },
    outcome: { pass: "Passed", fail: "Failed", cannot_tell: "Cannot tell" },
    check: {
      structure: "Format",
      signature: "Signature value",
      signer_certificate: "Signer certificate",
      chain: "Certificate chain",
      validity: "Validity period",
      revocation: "Revocation status",
      key_usage: "Key usage",
      timestamp: "Timestamp",
      message_imprint: "Data digest",
    },
    result: "Result",
    checks: "Checks",
    item: "Check",
    outcomeCol: "Outcome",
    reason: "Explanation",
    detail: "Detail",
    inputs: "Inputs",
    role: { certificate: "Certificate", signature: "Signature", signedData: "Signed data", timestampToken: "Timestamp token" },
    size: "Size (bytes)",
    checkedAt: "Checked at",
    verificationTime: "Verified as of",
    signingTime: "Signing time",
    signer: "Signer",
    genTime: "Timestamp time",
    serial: "Serial number",
    keyAlgorithm: "Public key algorithm",
    signatureAlgorithm: "Signature algorithm",
    checker: "Checker",
    reportId: "Report id",
    digest: "Report digest (SHA-256)",
    note: "This report records the SHA-256 digests of the submitted inputs and the outcome of each check. Anyone can verify the same files again and compare the digests.",
  },
} as const;

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Times are shown in Beijing time with the zone named, and in UTC for the record. */
function when(isoTime: string | undefined, lang: ReportLang): string {
  if (!isoTime) return "";
  const d = new Date(isoTime);
  const local = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en-GB", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(d);
  return `${local} (${lang === "zh" ? "北京时间" : "Beijing time"}) · ${d.toISOString()}`;
}

/** The check's record, and the algorithms it names (SM2, SM3withSM2) under their labels. */
function detailOf(c: Check, t: (typeof L)[ReportLang]): string {
  const parts = [c.detail ?? ""];
  if (c.facts?.keyAlgorithm) parts.push(`${t.keyAlgorithm}: ${c.facts.keyAlgorithm}`);
  if (c.facts?.signatureAlgorithm) parts.push(`${t.signatureAlgorithm}: ${c.facts.signatureAlgorithm}`);
  return parts.filter(Boolean).join(" · ");
}

/**
 * A printable, self-contained HTML page of an evidence report in one language: no scripts, no
 * external resources, every value escaped. The page route (UI) serves it as text/html.
 */
export function renderEvidenceReportHtml(report: EvidenceReport, lang: ReportLang): string {
  const t = L[lang];
  const v = report.verdict;
  const rows = (v.checks as Check[])
    .map(
      (c) =>
        `<tr class="${esc(c.outcome)}"><td>${esc(t.check[c.id] ?? c.id)}</td><td>${esc(t.outcome[c.outcome])}</td><td>${esc(lang === "zh" ? c.zh : c.en)}</td><td>${esc(detailOf(c, t))}</td></tr>`,
    )
    .join("\n");
  const facts: [string, string][] = [
    [t.checkedAt, when(report.checkedAt, lang)],
    [t.verificationTime, when(report.verificationTime, lang)],
  ];
  const signingTime = v.signingTime as { value: string; source: string } | undefined;
  if (signingTime) facts.push([t.signingTime, `${when(signingTime.value, lang)} [${signingTime.source}]`]);
  const signer = v.signer as { subject?: string; serialHex?: string } | undefined;
  if (signer?.subject) facts.push([t.signer, `${signer.subject} (${t.serial} ${signer.serialHex ?? ""})`]);
  if (typeof v.genTime === "string") facts.push([t.genTime, when(v.genTime, lang)]);
  if (typeof v.serialHex === "string") facts.push([t.serial, v.serialHex]);
  const inputs = report.inputs
    .map((i) => `<tr><td>${esc((t.role as Record<string, string>)[i.role] ?? i.role)}</td><td>${esc(i.size)}</td><td class="mono">${esc(i.sha256)}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<title>${esc(t.title)} ${esc(report.reportId)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
.mono{font-family:ui-monospace,monospace;word-break:break-all}.verdict{font-size:1.3rem;font-weight:bold}
tr.fail td:nth-child(2){font-weight:bold}
@media print{body{margin:0}}
</style>
</head>
<body>
<h1>${esc(t.title)} · ${esc(t.kind[report.kind])}</h1>
<p class="verdict">${esc(t.result)}: ${esc(t.overall[v.overall])}</p>
<table>${facts.map(([k, x]) => `<tr><th>${esc(k)}</th><td>${esc(x)}</td></tr>`).join("")}</table>
<h2>${esc(t.checks)}</h2>
<table><thead><tr><th>${esc(t.item)}</th><th>${esc(t.outcomeCol)}</th><th>${esc(t.reason)}</th><th>${esc(t.detail)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${esc(t.inputs)}</h2>
<table><thead><tr><th></th><th>${esc(t.size)}</th><th>SHA-256</th></tr></thead>
<tbody>
${inputs}
</tbody></table>
<h2>${esc(t.checker)}</h2>
<table>
<tr><th>${esc(t.checker)}</th><td>${esc(report.checker.name)} ${esc(report.checker.version)} (${esc(report.checker.engine)})</td></tr>
<tr><th>${esc(t.reportId)}</th><td class="mono">${esc(report.reportId)}</td></tr>
<tr><th>${esc(t.digest)}</th><td class="mono">${esc(report.digest)}</td></tr>
</table>
<p>${esc(t.note)}</p>
</body>
</html>
`;
}
