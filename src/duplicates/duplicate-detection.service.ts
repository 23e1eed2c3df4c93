import { Inject, Injectable, Logger } from '@nestjs/common';
import { compareMatchingKeys, DUPLICATE_THRESHOLD, KeyHash, matchingKeys, Registration } from '@lotse/domain';
import { MASTER_KEY } from '../personal-data';
import { matchKeyHash } from './match-key-hash';
import { MATCH_KEY_STORE } from './duplicates.tokens';
import { MatchKeyStore, pairIdOf } from './match-key-store';

/**
 * Files every registration under its matching keys and lists registrations that look like the same
 * person. A registration is never refused for it: a coordinator decides whether to merge.
 */
@Injectable()
export class DuplicateDetectionService {
  private readonly logger = new Logger('Duplicates');
  private readonly hash: KeyHash;

  constructor(
    @Inject(MATCH_KEY_STORE) readonly store: MatchKeyStore,
    @Inject(MASTER_KEY) masterKey: Buffer,
  ) {
    this.hash = matchKeyHash(masterKey);
  }

  /** After a registration was stored; a failure here is logged and never undoes the registration. */
  async registered(participantId: string, municipality: string, registration: Registration): Promise<number> {
    try {
      const keys = matchingKeys(registration, this.hash);
      const candidates = await this.store.candidates(keys.lookup);
      let found = 0;
      for (const candidate of candidates) {
        if (candidate.participantId === participantId) continue;
        const match = compareMatchingKeys(keys, candidate.keys);
        if (match.score < DUPLICATE_THRESHOLD) continue;
        found += 1;
        await this.store.recordPair({
          pairId: pairIdOf(participantId, candidate.participantId),
          participantA: participantId,
          participantB: candidate.participantId,
          municipalityA: municipality,
          municipalityB: candidate.municipality,
          score: match.score,
          fields: { ...match.fields },
        });
      }
      await this.store.save(participantId, municipality, keys);
      return found;
    } catch (error) {
      this.logger.error(`matching keys of ${participantId} not filed: ${(error as Error).message}`);
      return 0;
    }
  }

  forget(participantId: string): Promise<void> {
    return this.store.forget(participantId);
  }
}
