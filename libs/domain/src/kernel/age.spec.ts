import { ageOn } from './age';

describe('age on a day', () => {
  it('counts a year as completed on the birthday, not the day before', () => {
    expect(ageOn('2008-07-01', '2026-06-30')).toBe(17);
    expect(ageOn('2008-07-01', '2026-07-01')).toBe(18);
  });
  it('completes a year of someone born on 29 February on 1 March in other years', () => {
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(21);
    expect(ageOn('2004-02-29', '2026-03-01')).toBe(22);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });
  it('is 0 before the first birthday', () => expect(ageOn('2026-01-15', '2026-12-31')).toBe(0));
});
