import type { StoredEvent } from '@lotse/event-store';
import { DeferredCheckpoint } from './deferred-checkpoint';

const event = (type: string, globalPosition: number) => ({ type, globalPosition }) as StoredEvent;
const EVERY_MS = 250;

describe('DeferredCheckpoint', () => {
  let now = 0;
  const clock = () => now;
  const given = (stored = 10) => new DeferredCheckpoint(stored, new Set(['CaseStepRecorded']), EVERY_MS, clock);
  beforeEach(() => (now = 1_000));

  it('puts off a batch of events the projection does not handle, while the stored checkpoint is recent', () => {
    const checkpoint = given();
    const batch = [event('NeedsAssessed', 11), event('OfferListed', 12)];
    now += EVERY_MS - 1;
    expect(checkpoint.defers(batch)).toBe(true);
    expect(checkpoint.unstored).toBe(batch);
    expect(checkpoint.stored).toBe(10);
  });

  it('keeps the latest batch put off: storing it stores the checkpoint past every earlier one', () => {
    const checkpoint = given();
    checkpoint.defers([event('NeedsAssessed', 11)]);
    const later = [event('OfferListed', 12)];
    checkpoint.defers(later);
    expect(checkpoint.unstored).toBe(later);
  });

  it('does not put off a batch with an event the projection handles', () => {
    const checkpoint = given();
    expect(checkpoint.defers([event('NeedsAssessed', 11), event('CaseStepRecorded', 12)])).toBe(false);
    expect(checkpoint.unstored).toBeUndefined();
  });

  it('does not put off a batch once the stored checkpoint is as old as the interval', () => {
    const checkpoint = given();
    now += EVERY_MS;
    expect(checkpoint.defers([event('NeedsAssessed', 11)])).toBe(false);
  });

  it('starts the interval again when the checkpoint is stored, and forgets the batch put off', () => {
    const checkpoint = given();
    checkpoint.defers([event('NeedsAssessed', 11)]);
    now += EVERY_MS;
    checkpoint.storedAs(11);
    expect(checkpoint).toMatchObject({ stored: 11, unstored: undefined });
    now += EVERY_MS - 1;
    expect(checkpoint.defers([event('NeedsAssessed', 12)])).toBe(true);
  });

  it('with nothing put off, storing keeps the position and starts the interval again', () => {
    const checkpoint = given(42);
    now += EVERY_MS;
    checkpoint.storedAs(undefined);
    expect(checkpoint.stored).toBe(42);
    expect(checkpoint.defers([event('NeedsAssessed', 43)])).toBe(true);
  });
});
