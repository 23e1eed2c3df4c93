/**
 * A person's age in whole years on a day (both `YYYY-MM-DD`): the years completed, as funding
 * guidelines count them. Someone born on 29 February completes a year on 1 March in other years.
 */
export const ageOn = (birthDate: string, day: string): number => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};
