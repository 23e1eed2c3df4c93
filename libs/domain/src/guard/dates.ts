/**
 * Calendar dates as the guard reads them: `YYYY-MM-DD` strings, compared as strings (which orders
 * them correctly), with no time zone and no clock. A period's end date is inclusive: a pathway
 * planned until 2026-06-30 still runs on that day.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * A real calendar day in `YYYY-MM-DD` form (so not 2026-02-30). Of an unknown value it also says
 * that it is a string; of a string it says nothing more, so a string that fails is still a string
 * (a type predicate would make it `never` there).
 */
export function isCalendarDate(value: string): boolean;
export function isCalendarDate(value: unknown): value is string;
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The same day `months` later (or earlier, if negative), clamped to the month's last day:
 * 2026-08-31 minus 6 months is 2026-02-28, as a person counting months on a calendar would say.
 */
export const addMonths = (date: string, months: number): string => {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
};

/** Two periods with inclusive ends share at least one day; `to` absent means open-ended. */
export const periodsOverlap = (a: { from: string; to?: string }, b: { from: string; to?: string }): boolean =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');
