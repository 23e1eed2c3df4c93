import { oneLineError } from './one-line-error';

describe('oneLineError', () => {
  it('follows the cause chain', () => {
    const error = new Error('cannot open the event store (pglite ./data/lotse)', { cause: new Error('disk full') });
    expect(oneLineError(error)).toBe('cannot open the event store (pglite ./data/lotse): disk full');
  });

  it('speaks for an AggregateError without a message through its parts', () => {
    const refused = new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')], '');
    expect(oneLineError(refused)).toBe('connect ECONNREFUSED ::1:5432, connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('falls back to the error code', () => {
    expect(oneLineError(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });

  it('keeps a multi-line message on one line', () => {
    expect(oneLineError(new Error('first\n  second\nthird'))).toBe('first second third');
  });
});
