import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AccessLogCheckerSlot, AccessLogVerification } from '../../audit-log';
import { ACCESS_LOG_STORE } from '../audit-trail.tokens';
import { firstBrokenLink } from './access-entry';
import { AccessLogStore } from './access-log-store';

/**
 * Puts the access log's chain into `GET /audit/verify`: every stored record, in order, against its
 * hash and its link to the one before. A changed record breaks its own hash, a removed one the link
 * of the next.
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
    const records = await this.store.all();
    const bad = firstBrokenLink(records);
    return { intact: bad === undefined, checkedRecords: records.length, firstBadSeq: bad ?? null };
  }
}
