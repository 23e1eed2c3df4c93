import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AccessLogCheckerSlot, AccessLogVerification } from '../../audit-log';
import { ACCESS_LOG_STORE } from '../audit-trail.tokens';
import { firstBadSeq } from './access-entry';
import { AccessLogStore } from './access-log-store';

/**
 * Puts the access log's chain into `GET /audit/verify`: every stored record, in order, against its
 * hash and its link to the one before, and the last against the head the log records apart. A changed
 * record breaks its own hash, a removed one the link of the next, removed ones at the end the match with the head.
 */
@Injectable()
export class AccessLogChainCheck implements OnModuleInit {
  constructor(
    private readonly slot: AccessLogCheckerSlot,
    @Inject(ACCESS_LOG_STORE) private readonly store: AccessLogStore,
  ) {}

  onModuleInit(): void {
    this.slot.plug({ check: () => this.check() });
  }

  async check(): Promise<AccessLogVerification> {
    const { records, head } = await this.store.chain();
    const bad = firstBadSeq(records, head);
    return { intact: bad === undefined, checkedRecords: records.length, firstBadSeq: bad ?? null };
  }
}
