/** The age bands at a pathway's start the statistics count by; `other` also for pathways opened before the age was recorded. */
export const AGE_BANDS = ['18-20', '21-24', '25-27', 'other'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const ageBandOf = (age: number | undefined): AgeBand => {
  if (age === undefined) return 'other';
  if (age >= 18 && age <= 20) return '18-20';
  if (age >= 21 && age <= 24) return '21-24';
  if (age >= 25 && age <= 27) return '25-27';
  return 'other';
};
