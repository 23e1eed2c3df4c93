/** Calendar arithmetic on `YYYY-MM-DD` days, in UTC, for the statistics' periods and durations. */

const MS_PER_DAY = 86_400_000;

const toUtc = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** Whole days from `from` to `to` (0 for the same day). */
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);

/** `2026-Q3` for any day of July to September 2026. */
export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

export const yearOf = (day: string): string => day.slice(0, 4);

/** Every quarter from the one of `from` to the one of `to`, in order. */
export const quartersBetween = (from: string, to: string): string[] => {
  const quarters: string[] = [];
  let year = Number(from.slice(0, 4));
  let quarter = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  const last = quarterOf(to);
  for (let guard = 0; guard < 4 * 200; guard++) {
    const key = `${year}-Q${quarter}`;
    quarters.push(key);
    if (key >= last) break;
    quarter = quarter === 4 ? 1 : quarter + 1;
    if (quarter === 1) year += 1;
  }
  return quarters;
};

export const yearsBetween = (from: string, to: string): string[] => {
  const years: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(String(year));
  return years;
};

/** The day `months` calendar months before `day`, plus one day: the first day of a window of that many months ending on `day`. */
export const windowStart = (day: string, months: number): string => {
  const date = new Date(toUtc(day));
  date.setUTCMonth(date.getUTCMonth() - months);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};
