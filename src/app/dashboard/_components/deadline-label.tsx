import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

/** A deadline's name in the dashboard's lists; an update notice's deadline links to the notices page, where the update is started. */
export function DeadlineLabel({ kind, label }: { kind: string; label: string }) {
  if (kind !== "updateNotice") return <>{label}</>;
  return (
    <Link href="/update-notices" className={buttonClass.link} data-testid="update-notice-deadline-link">
      {label}
    </Link>
  );
}
