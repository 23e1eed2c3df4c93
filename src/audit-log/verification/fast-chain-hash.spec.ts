import fc from 'fast-check';
import { canonicalJson, chainContent, chainHash } from '@lotse/event-store';
import { fastCanonicalJson, fastChainHash } from './fast-chain-hash';

describe('the fast canonical JSON of the verifier', () => {
  it('writes exactly the bytes of the event store canonical JSON for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('drops undefined members and writes undefined array elements as null, like the store', () => {
    const value = { b: undefined, a: [1, undefined, { ä: 'x', Z: true }], 'a-b': null };
    expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
  });

  it('gives the chain hash of the event store', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.uuid(), (previous, data, eventId) => {
        const e = {
          eventId,
          type: 'CaseStepRecorded',
          schemaVersion: 1,
          data,
          metadata: { actor: 'a' },
          recordedAt: '2026-01-01T00:00:00.000Z',
        };
        expect(fastChainHash(previous, 'pathway-1', e)).toBe(chainHash(previous, chainContent('pathway-1', e)));
      }),
      { numRuns: 200 },
    );
  });
});
