import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { countApprovalsWaiting } from "@/server/approval";
import type { ServiceContext } from "@/server/core";

/** The admin home's reminder of dual control: how many requests wait for this administrator. */
export async function ApprovalsWaiting({ ctx }: { ctx: ServiceContext }) {
  const [count, t] = await Promise.all([countApprovalsWaiting(ctx, {}), getTranslations("console.approvals")]);
  if (count === 0) return null;
  return (
    <Alert tone="info">
      <Link href="/admin/approvals" className="font-medium underline underline-offset-2" data-testid="approvals-waiting" data-count={count}>
        {t("waitingCount", { count })}
      </Link>
    </Alert>
  );
}
