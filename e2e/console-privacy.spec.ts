import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, newSubscriber, seed, switchLanguage, unique } from "./console-case-helpers";

// Issue 7, personal information (clause 6): what each deletion request erased and what it kept
// (until when, on what legal basis); the processor register and the disclosures (to whom, what,
// when, basis, whose data); cessation mode with its consequences, switched on and off again.

type AuditRow = { seq: number; subjectId: string | null; summary: Record<string, unknown> };
/** The files of a tar, extracted by the system's tar. */
function untar(bytes: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), "handover-"));
  writeFileSync(path.join(dir, "p.tar"), bytes);
  execFileSync("tar", ["-xf", "p.tar"], { cwd: dir });
  return new Map(readdirSync(dir).filter((n) => n !== "p.tar").map((n) => [n, readFileSync(path.join(dir, n))]));
}
const audit = (page: import("@playwright/test").Page, auditAction: string) => seed<AuditRow[]>(page, { action: "inspect-audit", auditAction });

test("a deletion request shows what was erased and what is kept until when and why; a processor and a disclosure enter the register", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const deleted = await newSubscriber(admin, "forget-me");
  await seed(admin, { action: "deletion-request", subscriberEmail: deleted, officerEmail: demoAccount("RA_OFFICER").email });

  await admin.goto("/admin/privacy");
  const request = admin.locator(`[data-testid="deletion-request"][data-requester="${deleted}"]`);
  await expect(request).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(request).toContainText("处理中");
  const erased = request.getByTestId("deletion-erased");
  await expect(erased.locator('[data-category="documentContents"]')).toContainText("上传文件的内容");
  await expect(erased.locator('[data-category="displayNameAndPhone"]')).toHaveText("姓名显示与电话");
  const kept = request.getByTestId("deletion-kept");
  const certificates = kept.locator('tr[data-categories~="certificates"]');
  await expect(certificates.locator('[data-category="certificates"]')).toHaveText("证书记录 · 1 项");
  // Records kept on the same basis until the same date share one row.
  await expect(certificates.locator('[data-category="identityVerificationRecords"]')).toHaveText("身份核验记录");
  await expect(certificates).toContainText("电子签名法");
  // Kept until a date (the certificate's end plus the retention years), shown as a date.
  const until = (await certificates.getAttribute("data-until"))!;
  expect(new Date(until).getTime()).toBeGreaterThan(Date.now() + 5 * 365 * 86_400_000);
  await expect(certificates).toContainText(/\d{4}-\d\d-\d\d/);
  await expect(kept.locator('tr[data-categories~="emailAddress"]')).toContainText("电子邮箱");
  await expect(kept.locator('tr[data-categories~="auditLog"]')).toContainText("永久（审计证据）");
  await expect(request).toContainText("保留期：证书失效后 5 年。");
  await expect(request).not.toContainText("{");
  await expectAccessibleOnPhone(admin);

  // A processor with its categories, then a disclosure about one subscriber.
  const processor = unique("实名核验服务商");
  const register = admin.getByTestId("processor-form");
  await register.getByLabel("处理者名称").fill(processor);
  await register.getByLabel("处理目的").fill("核验申请人身份证件");
  await register.getByLabel("数据类别（逗号分隔）").fill("姓名，身份证号码、证件照片");
  await register.getByLabel("所在地（可选）").fill("北京");
  await register.getByLabel("联系方式（可选）").fill("dpo@verify.example.cn");
  await register.getByRole("button", { name: "登记处理者" }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("处理者已登记");
  const row = admin.locator(`[data-testid="processor"][data-name="${processor}"]`);
  await expect(row).toContainText("姓名、身份证号码、证件照片");
  await expect(row).toContainText("北京 · dpo@verify.example.cn");
  await expect(row).toContainText("合作中 · 0 次披露");

  const subject = await newSubscriber(admin, "disclosed");
  const form = admin.getByTestId("disclosure-form");
  // A subscriber address nobody has is refused.
  await form.getByLabel("接收方（处理者）").selectOption({ label: processor });
  await form.getByLabel("披露内容").fill("申请人姓名与身份证号码");
  await form.getByLabel("披露原因或法律依据").fill("《电子签名法》第二十条：核验申请人身份");
  await form.getByLabel("涉及的订户邮箱（可选；批量披露留空）").fill(`nobody-${Date.now()}@demo.test`);
  await form.getByRole("button", { name: "登记披露" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText("未找到");
  await form.getByLabel("接收方（处理者）").selectOption({ label: processor });
  await form.getByLabel("披露内容").fill("申请人姓名与身份证号码");
  await form.getByLabel("披露原因或法律依据").fill("《电子签名法》第二十条：核验申请人身份");
  await form.getByLabel("涉及的订户邮箱（可选；批量披露留空）").fill(subject);
  await form.getByLabel("披露时间（北京时间；留空为当前时间）").fill("2026-01-15T09:30");
  await form.getByRole("button", { name: "登记披露" }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("披露已登记");
  const disclosure = admin.locator(`[data-testid="disclosure"][data-processor="${processor}"]`);
  await expect(disclosure).toHaveCount(1);
  await expect(disclosure).toContainText("2026-01-15 09:30");
  await expect(disclosure).toContainText("申请人姓名与身份证号码");
  await expect(disclosure).toContainText("《电子签名法》第二十条：核验申请人身份");
  await expect(disclosure).toContainText(subject);
  await expect(disclosure).toContainText(demoAccount("CA_ADMIN").email);
  await expect(row).toContainText("1 次披露");
  await expectAccessibleOnPhone(admin);

  // The audit log has the disclosure with its time (ids only, no texts).
  const recorded = await audit(admin, "privacy.disclosure-recorded");
  expect(recorded.some((e) => e.summary.at === "2026-01-15T01:30:00.000Z" && typeof e.summary.subjectUserId === "string")).toBe(true);

  await switchLanguage(admin, "English");
  await expect(request).toContainText("In progress");
  await expect(certificates.locator('[data-category="certificates"]')).toHaveText("Certificate records · 1 item");
  await expect(certificates).toContainText("Electronic Signature Law");
  await expect(row).toContainText("active · 1 disclosure");
  await expectAccessibleOnPhone(admin);
  await admin.screenshot({ path: test.info().outputPath("privacy-en.png"), fullPage: true });
  await switchLanguage(admin, "中文");
  await admin.context().close();
});

test("cessation mode: its consequences are explained, switching it on refuses sign-ups, switching it off with a reason restores them", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const visitor = await browser.newPage();
  try {
    // Starts from normal operation whatever ran before.
    await seed(admin, { action: "cessation-off", adminEmail: demoAccount("CA_ADMIN").email });
    await admin.goto("/admin/privacy");
    const state = admin.getByTestId("cessation-state");
    await expect(state).toHaveAttribute("data-active", "false");
    await expect(admin.getByTestId("cessation-consequences").locator("li")).toHaveCount(5);
    await expect(admin.getByTestId("cessation-consequences")).toContainText("注册、新证书申请（包括更新申请）");
    await expectAccessibleOnPhone(admin);

    const successor = unique("某某数字认证有限公司");
    const enter = admin.getByTestId("cessation-enter");
    await enter.getByLabel("承接机构（可选）").fill(successor);
    await enter.getByLabel("备注（可选）").fill("经主管部门批准终止服务。");
    await enter.getByRole("button", { name: "进入停业模式" }).click();
    await expect(admin.locator('[data-alert="success"]')).toHaveCount(0); // the confirmation is required first
    await enter.getByRole("checkbox").check();
    await enter.getByRole("button", { name: "进入停业模式" }).click();
    // Dual control: requested; the second administrator's approval carries it out.
    await approveAsSecondAdmin(admin);
    await admin.goto("/admin/privacy");
    await expect(state).toHaveAttribute("data-active", "true");
    await expect(state).toContainText("停业模式已开启");
    await expect(state).toContainText(`承接机构：${successor}`);
    await expect(state).toContainText(`开启人：${demoAccount("CA_ADMIN").email}`);
    await expect(admin.locator('[data-testid="cessation-history"][data-action="entered"]').first()).toContainText(/开启，通知 \d+ 人/);
    await expectAccessibleOnPhone(admin);

    // The successor's hand-over package: a tar whose files match the digests in its manifest.
    await expect(admin.getByTestId("handover-download")).toBeVisible();
    const handover = await admin.request.get("/admin/privacy/handover");
    expect(handover.status()).toBe(200);
    expect(handover.headers()["content-type"]).toBe("application/x-tar");
    const files = untar(await handover.body());
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as { format: string; successor: string; files: { name: string; sha256: string; lines: number }[] };
    expect(manifest).toMatchObject({ format: "portal.successor-handover/1", successor });
    expect(manifest.files.map((f) => f.name).sort()).toEqual(["acceptances.ndjson", "certificates.ndjson", "issuers.ndjson", "revocations.ndjson"].sort());
    for (const f of manifest.files) expect(createHash("sha256").update(files.get(f.name)!).digest("hex")).toBe(f.sha256);

    // From outside: a newcomer cannot sign up.
    const email = `${unique("too-late")}@example.com`;
    await visitor.goto("/sign-up");
    await visitor.getByLabel("电子邮箱").fill(email);
    await visitor.getByLabel("密码", { exact: true }).fill("a long passphrase 2026");
    await visitor.getByLabel("再次输入密码").fill("a long passphrase 2026");
    await visitor.getByRole("main").getByRole("button", { name: "注册" }).click();
    await expect(visitor.locator('[data-alert="error"]')).toContainText("已停止受理新的注册和申请");

    const leave = admin.getByTestId("cessation-leave");
    await leave.getByLabel("退出停业模式的原因").fill("主管部门撤回批准，继续提供服务。");
    await leave.getByRole("checkbox").check();
    await leave.getByRole("button", { name: "退出停业模式" }).click();
    // Dual control: requested; the second administrator's approval carries it out.
    await approveAsSecondAdmin(admin);
    await admin.goto("/admin/privacy");
    await expect(state).toHaveAttribute("data-active", "false");
    await expect(admin.locator('[data-testid="cessation-history"][data-action="left"]').first()).toContainText("主管部门撤回批准，继续提供服务。");
    const left = await audit(admin, "privacy.cessation-left");
    expect(left[0]?.summary.reason).toBe("主管部门撤回批准，继续提供服务。");

    await visitor.getByLabel("电子邮箱").fill(email);
    await visitor.getByLabel("密码", { exact: true }).fill("a long passphrase 2026");
    await visitor.getByLabel("再次输入密码").fill("a long passphrase 2026");
    await visitor.getByRole("main").getByRole("button", { name: "注册" }).click();
    await expect(visitor.getByTestId("sign-up-done")).toBeVisible();
  } finally {
    // Whatever happened above, the other journeys need sign-ups working.
    await seed(admin, { action: "cessation-off", adminEmail: demoAccount("CA_ADMIN").email });
    await visitor.close();
    await admin.context().close();
  }
});

test("the retention period refuses less than the law's five years and keeps a longer one; a processor is edited, deactivated and resumed; requests and disclosures are listed; an auditor reads the register", async ({ browser }) => {
  // Two signed-in consoles and eight accessibility scans: past the default budget on a shared machine.
  test.setTimeout(240_000);
  const admin = await pageAs(browser, "CA_ADMIN");
  const retention = admin.getByTestId("retention-policy");
  const form = admin.getByTestId("retention-form");
  const setYears = async (years: string) => {
    await form.getByLabel("证书失效后保存年数").fill(years);
    await form.getByRole("button", { name: "保存期限设置" }).click();
  };
  try {
    // A subscriber's deletion request, to be found in the requests list.
    const requester = await newSubscriber(admin, "requests-list");
    await seed(admin, { action: "deletion-request", subscriberEmail: requester, officerEmail: demoAccount("RA_OFFICER").email });
    await admin.goto("/admin/privacy");
    const before = (await audit(admin, "privacy.retention-policy-set")).length;

    // Below the legal minimum: refused with the reason, nothing stored.
    await setYears("3");
    await expect(admin.locator('[data-alert="error"]')).toContainText("保存期限不得短于《电子签名法》规定的证书失效后五年");
    await admin.reload();
    await expect(retention).not.toHaveAttribute("data-years", "3");
    expect((await audit(admin, "privacy.retention-policy-set")).length).toBe(before);

    // Seven years: stored, shown after a reload, audited with what it replaced.
    await setYears("7");
    await expect(admin.locator('[data-alert="success"]')).toContainText("保存期限已更新");
    await admin.reload();
    await expect(retention).toHaveAttribute("data-years", "7");
    await expect(retention).toContainText("证书失效后保存 7 年");
    await expect(form.getByLabel("证书失效后保存年数")).toHaveValue("7");
    const set = await audit(admin, "privacy.retention-policy-set");
    expect(set[0]?.summary).toMatchObject({ to: { certificateYearsAfterExpiry: 7 } });
    await expectAccessibleOnPhone(admin);

    // A processor registered, then one disclosure to it (for the auditor below).
    const processor = unique("短信服务商");
    const register = admin.getByTestId("processor-form");
    await register.getByLabel("处理者名称").fill(processor);
    await register.getByLabel("处理目的").fill("发送到期提醒短信");
    await register.getByLabel("数据类别（逗号分隔）").fill("手机号码");
    await register.getByRole("button", { name: "登记处理者" }).click();
    await expect(admin.locator('[data-alert="success"]')).toContainText("处理者已登记");
    const disclosureForm = admin.getByTestId("disclosure-form");
    await disclosureForm.getByLabel("接收方（处理者）").selectOption({ label: processor });
    await disclosureForm.getByLabel("披露内容").fill("订户手机号码");
    await disclosureForm.getByLabel("披露原因或法律依据").fill("发送证书到期提醒");
    await disclosureForm.getByRole("button", { name: "登记披露" }).click();
    await expect(admin.locator('[data-alert="success"]')).toContainText("披露已登记");
    const disclosure = admin.locator(`[data-testid="disclosure"][data-processor="${processor}"]`);
    await expect(disclosure).toContainText("订户手机号码");
    await expect(disclosure).toContainText("批量（不针对个人）");

    // Edited: the new purpose and location are stored and shown; only they are in the audit event.
    const row = admin.locator(`[data-testid="processor"][data-name="${processor}"]`);
    await row.getByTestId("processor-edit-link").click();
    const edit = admin.locator(`[data-testid="processor-edit"][data-name="${processor}"]`);
    await edit.getByLabel("处理目的").fill("发送证书到期与撤销提醒短信");
    await edit.getByLabel("所在地（可选）").fill("杭州");
    await edit.getByRole("button", { name: "保存修改" }).click();
    await expect(admin.locator('[data-alert="success"]')).toContainText("处理者信息已更新");
    await admin.reload();
    await expect(row).toContainText("发送证书到期与撤销提醒短信");
    await expect(row).toContainText("杭州");
    const processorId = (await audit(admin, "privacy.processor-registered")).find((e) => e.summary.name === processor)!.subjectId;
    const updates = () => audit(admin, "privacy.processor-updated").then((es) => es.filter((e) => e.subjectId === processorId));
    expect((await updates())[0]?.summary).toEqual({
      changes: { purpose: { from: "发送到期提醒短信", to: "发送证书到期与撤销提醒短信" }, location: { from: null, to: "杭州" } },
    });

    // Saved again as it is: the page says nothing changed, and nothing is stored or audited.
    await row.getByTestId("processor-edit-link").click();
    await edit.getByRole("button", { name: "保存修改" }).click();
    await expect(admin.locator('[data-alert="success"]')).toContainText("没有需要保存的更改");
    expect(await updates()).toHaveLength(1);

    /** Ends or resumes the relationship from the row; after a reload the page shows what is stored. */
    const setActive = async (button: string, done: string, active: boolean, state: string) => {
      await row.getByRole("button", { name: button }).click();
      await expect(admin.locator('[data-alert="success"]')).toContainText(done);
      await admin.reload();
      await expect(row).toHaveAttribute("data-active", String(active));
      await expect(row.getByTestId("processor-state")).toHaveText(state);
      // Offered for new disclosures only while active.
      await expect(disclosureForm.locator("option", { hasText: processor })).toHaveCount(active ? 1 : 0);
    };

    // Deactivated: shown as ended, no longer offered for disclosures, its history kept.
    await setActive("停止合作", "已停止与该处理者合作", false, "已停止 · 1 次披露");
    expect((await updates())[0]?.summary).toEqual({ changes: { active: { from: true, to: false } } });

    // Every privacy request, with its kind and status in words; the filter narrows it.
    const request = admin.locator(`[data-testid="privacy-request"][data-requester="${requester}"]`);
    await expect(request).toHaveAttribute("data-kind", "DELETION");
    await expect(request).toContainText("个人信息删除");
    await expect(request).toContainText("处理中");
    const filter = admin.getByTestId("request-filter");
    await filter.getByLabel("类型").selectOption({ label: "个人信息导出" });
    await filter.getByRole("button", { name: "筛选" }).click();
    await expect(admin).toHaveURL(/kind=EXPORT/);
    await expect(request).toHaveCount(0);
    await filter.getByLabel("类型").selectOption({ label: "个人信息删除" });
    await filter.getByLabel("状态").selectOption({ label: "处理中" });
    await filter.getByRole("button", { name: "筛选" }).click();
    await expect(request).toHaveCount(1);
    await expectAccessibleOnPhone(admin);

    // The auditor reads the same register, with no form to change it.
    const auditor = await pageAs(browser, "AUDITOR");
    await auditor.goto("/audit");
    await auditor.getByRole("navigation", { name: "控制台" }).getByRole("link", { name: "个人信息", exact: true }).click();
    await expect(auditor).toHaveURL(/\/audit\/privacy$/);
    await expect(auditor.getByTestId("retention-policy")).toHaveAttribute("data-years", "7");
    const seen = auditor.locator(`[data-testid="processor"][data-name="${processor}"]`);
    await expect(seen).toContainText("已停止 · 1 次披露");
    await expect(seen).toContainText("发送证书到期与撤销提醒短信");
    await expect(auditor.locator(`[data-testid="disclosure"][data-processor="${processor}"]`)).toContainText("订户手机号码");
    await expect(auditor.locator(`[data-testid="privacy-request"][data-requester="${requester}"]`)).toContainText("个人信息删除");
    await expect(auditor.getByTestId("audit-privacy").locator("form:not([method=get])")).toHaveCount(0);
    await expect(auditor.getByRole("button", { name: "停止合作" })).toHaveCount(0);
    await expectAccessibleOnPhone(auditor);
    // The administrator's page stays the administrator's.
    expect((await auditor.goto("/admin/privacy"))?.status()).toBe(403);
    await auditor.goto("/audit/privacy");
    await switchLanguage(auditor, "English");
    await expect(seen).toContainText("inactive · 1 disclosure");
    await expect(auditor.getByTestId("retention-policy")).toContainText("kept 7 years after a certificate expires");
    await switchLanguage(auditor, "中文");
    await auditor.context().close();

    // Resumed: active again, offered for disclosures again, its history kept, the change audited.
    await admin.goto("/admin/privacy");
    await setActive("恢复合作", "已恢复与该处理者合作", true, "合作中 · 1 次披露");
    const resumed = await updates();
    expect(resumed).toHaveLength(3);
    expect(resumed[0]?.summary).toEqual({ changes: { active: { from: false, to: true } } });
    // What the auditor reads is what is stored: active again.
    const rereader = await pageAs(browser, "AUDITOR");
    await rereader.goto("/audit/privacy");
    await expect(rereader.locator(`[data-testid="processor"][data-name="${processor}"]`)).toHaveAttribute("data-active", "true");
    await rereader.context().close();
  } finally {
    // Back to the legal minimum: the other journeys read retention periods of five years.
    await admin.goto("/admin/privacy");
    await setYears("5");
    await expect(admin.locator('[data-alert="success"]')).toContainText("保存期限已更新");
    await admin.context().close();
  }
});
