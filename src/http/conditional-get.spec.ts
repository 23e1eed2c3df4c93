import { noneMatchNames } from './conditional-get.interceptor';

describe('If-None-Match', () => {
  it('names the ETag in a list, weakly compared, or as *', () => {
    expect(noneMatchNames('"3"', '"3"')).toBe(true);
    expect(noneMatchNames('"2", W/"3"', '"3"')).toBe(true);
    expect(noneMatchNames('*', '"3"')).toBe(true);
  });

  it('does not name another version, or nothing at all', () => {
    expect(noneMatchNames('"2"', '"3"')).toBe(false);
    expect(noneMatchNames('"33"', '"3"')).toBe(false);
    expect(noneMatchNames(undefined, '"3"')).toBe(false);
  });
});
