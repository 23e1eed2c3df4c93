import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The access log's own hash chain, walked record by record. */
export class AccessLogVerification {
  @ApiProperty({ description: 'true when every record gives its hash and links to the one before' }) intact: boolean;
  @ApiProperty({ type: 'integer', description: 'records checked' }) checkedRecords: number;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description:
      'seq of the first record whose content no longer gives its hash (changed) or whose link misses the one before (a record removed); ' +
      "for records removed at the end, the seq after the last one left (the log's recorded head lies beyond it)",
  })
  firstBadSeq: number | null;
}

export interface AccessLogChecker {
  check(): Promise<AccessLogVerification>;
}

/**
 * Where the access log ("who read what", a context of its own) plugs in its chain check, as it
 * plugs in the export's recording: this module is infrastructure and may know no context. Without
 * an access log there is nothing to check.
 */
@Injectable()
export class AccessLogCheckerSlot {
  private checker?: AccessLogChecker;

  plug(checker: AccessLogChecker): void {
    this.checker = checker;
  }

  check(): Promise<AccessLogVerification | undefined> {
    return this.checker ? this.checker.check() : Promise.resolve(undefined);
  }
}
