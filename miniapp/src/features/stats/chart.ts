/**
 * Scaling for the statistics page's charts, drawn with plain Views: a bar's length (or a column's height) is
 * its value's share of the largest value, in percent. A value above zero always gets a visible sliver
 * (`minPercent`), so that 1 beside 1,000 does not look like 0; zero stays empty.
 */
export function scaleToPercent(values: readonly number[], minPercent = 2): number[] {
  const max = Math.max(0, ...values.filter((value) => Number.isFinite(value)));
  return values.map((value) => {
    if (!Number.isFinite(value) || value <= 0 || max <= 0) return 0;
    const percent = (value / max) * 100;
    return Math.min(100, Math.max(minPercent, Math.round(percent * 10) / 10));
  });
}

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** A second, smaller value drawn inside the bar (e.g. completed of submitted). */
  part?: number;
}

export interface ScaledBar extends BarRow {
  percent: number;
  partPercent: number;
}

/** Bars scaled together; `part` as its share of the same maximum (never longer than its bar). */
export function scaleBars(rows: readonly BarRow[], minPercent = 2): ScaledBar[] {
  const percents = scaleToPercent(
    rows.map((row) => row.value),
    minPercent,
  );
  const max = Math.max(0, ...rows.map((row) => row.value));
  return rows.map((row, index) => {
    const percent = percents[index] ?? 0;
    const part = row.part ?? 0;
    const partPercent = max > 0 && part > 0 ? Math.min(percent, Math.max(minPercent, (part / max) * 100)) : 0;
    return { ...row, percent, partPercent: Math.round(partPercent * 10) / 10 };
  });
}

/** `2026-03` → `3月`, with the year for January or the first column (`2026年1月`). */
export function monthLabel(month: string, first: boolean): string {
  const [year, number] = month.split('-');
  const name = `${Number(number)}月`;
  return first || number === '01' ? `${year}年${name}` : name;
}
