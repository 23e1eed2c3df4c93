import { createHmac } from 'node:crypto';
import { matchingKeys } from '../matching-keys';
import { compareMatchingKeys, isPotentialDuplicate } from '../match-score';
import { describePairs, evaluateMatcher } from './evaluate';
import { generatePopulation, seededRandom } from './population';

// The application's kind of hash: HMAC-SHA256 with a server key, 128 bits kept.
const hmac = (text: string) => createHmac('sha256', 'evaluation-key').update(text).digest().subarray(0, 16).toString('base64url');

describe('the generated population', () => {
  const population = generatePopulation({ seed: 20260310, people: 1000 });

  it('is the same for the same seed and never asks Math.random', () => {
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    try {
      expect(generatePopulation({ seed: 20260310, people: 1000 })).toEqual(population);
    } finally {
      random.mockRestore();
    }
  });

  it('draws from a seeded PRNG that repeats and spreads', () => {
    const draws = Array.from({ length: 1000 }, seededRandom(7));
    expect(Array.from({ length: 1000 }, seededRandom(7))).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((draw) => draw < 0.5).length).toBeGreaterThan(450);
  });

  it('has at least 1,000 people, every kind of near miss and every origin', () => {
    expect(population.people.filter((p) => p.kind === 'ordinary').length).toBeGreaterThanOrEqual(1000);
    expect(new Set(population.people.map((p) => p.kind))).toEqual(new Set(['ordinary', 'same_birthday', 'sibling', 'twin', 'namesake']));
    expect(new Set(population.people.map((p) => p.origin)).size).toBe(8);
  });

  it('registers people a second time with every kind of variation', () =>
    expect(new Set(population.registrations.flatMap((r) => r.variations))).toEqual(
      new Set([
        'transliteration',
        'typo',
        'swapped_names',
        'placeholder_birth_date',
        'hyphen_or_space',
        'umlaut_spelling',
        'day_month_swapped',
        'part_dropped',
        'parts_regrouped',
      ]),
    ));
});

describe('the duplicate matcher over the generated population', () => {
  it('finds the same person registered twice with precision and recall of at least 0.95', () => {
    const result = evaluateMatcher(generatePopulation({ seed: 20260310, people: 1000 }), hmac);
    process.stdout.write(
      `duplicate matcher: precision ${result.precision.toFixed(2)}, recall ${result.recall.toFixed(2)} ` +
        `over ${result.people} people, ${result.truePairs} true pairs\n`,
    );

    if (result.precision < 0.95 || result.recall < 0.95) {
      process.stdout.write(`missed:\n${describePairs(result.missed)}\nfalse alarms:\n${describePairs(result.falseAlarms)}\n`);
    }
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('loses nothing to the index: every pair a full scan would call a duplicate shares a lookup key', () => {
    const keys = generatePopulation({ seed: 20260310, people: 1000 })
      .registrations.slice(0, 600)
      .map((r) => matchingKeys(r, hmac));
    const withoutSharedKey: string[] = [];
    keys.forEach((a, i) =>
      keys.slice(i + 1).forEach((b, j) => {
        if (!isPotentialDuplicate(compareMatchingKeys(a, b))) return;
        const lookup = new Set(a.lookup);
        if (!b.lookup.some((key) => lookup.has(key))) withoutSharedKey.push(`r-${i} ~ r-${i + 1 + j}`);
      }),
    );
    expect(withoutSharedKey).toEqual([]);
  });
});
