import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** The other registration of a pair, as `POST /participants/:id/not-duplicate` names it. */
export class DuplicatePairDto {
  @ApiProperty({ format: 'uuid', description: 'the other registration of the pair' })
  @IsUUID()
  duplicateId: string;
}

/** What dismissing a pair answers: the pair, now marked as two different people. */
export class DismissedPairView {
  @ApiProperty({ description: 'the pair of registrations' }) pairId: string;
  @ApiProperty({ enum: ['dismissed'] }) status: 'dismissed';
}
