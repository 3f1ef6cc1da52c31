const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijingParts(instant: Date) {
  const shifted = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  return {
    day: shifted.toISOString().slice(0, 10),
    month: shifted.getUTCMonth() + 1,
    date: shifted.getUTCDate(),
    time: shifted.toISOString().slice(11, 16),
  };
}

/** A time as people in China read it: `15:42` today, `明天 08:05` tomorrow, `3月2日 08:05` further away. */
export function beijingClock(instant: Date, now: Date): string {
  const target = beijingParts(instant);
  if (target.day === beijingParts(now).day) return target.time;
  if (target.day === beijingParts(new Date(now.getTime() + 24 * 60 * 60 * 1000)).day) return `明天 ${target.time}`;
  return `${target.month}月${target.date}日 ${target.time}`;
}
