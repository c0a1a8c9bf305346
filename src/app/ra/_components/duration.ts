/** "3 d 4 h", "5 h 12 min", "7 min": a waiting time or time left, for queues. */
export function formatDuration(ms: number, lang: "zh" | "en"): string {
  const abs = Math.abs(ms);
  const min = Math.floor(abs / 60_000);
  const h = Math.floor(min / 60);
  const d = Math.floor(h / 24);
  const u = lang === "zh" ? { d: "天", h: "小时", m: "分钟" } : { d: " d", h: " h", m: " min" };
  if (d > 0) return `${d}${u.d} ${h % 24}${u.h}`;
  if (h > 0) return `${h}${u.h} ${min % 60}${u.m}`;
  return `${min}${u.m}`;
}
