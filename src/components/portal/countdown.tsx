"use client";

import { useEffect, useState } from "react";

/**
 * Time left to a deadline, ticking each minute. The exact instant is printed beside it by the
 * server in Beijing time; this only says how far away it is. Starts from the server's "now" so the
 * test clock of browser tests is honoured, then advances with the browser's clock.
 */
export function Countdown({ deadline, serverNow, labels }: { deadline: string; serverNow: string; labels: { days: string; hours: string; minutes: string; passed: string; remaining: string } }) {
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offset), 30_000);
    return () => clearInterval(id);
  }, [offset]);
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return <span data-testid="countdown">{labels.passed}</span>;
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const parts = d > 0 ? [labels.days.replace("#", String(d)), labels.hours.replace("#", String(h))] : [labels.hours.replace("#", String(h)), labels.minutes.replace("#", String(m))];
  return <span data-testid="countdown">{labels.remaining.replace("#", parts.join(" "))}</span>;
}
