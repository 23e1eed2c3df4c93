import { ApiProperty } from '@nestjs/swagger';
import { PATHWAY_KINDS, PathwayKind } from '@lotse/domain';
import { WriteResult } from '../../http';

/** A pathway of the merged-away registration that ran at the same time as one of its kind here: R1, seen only now. */
export class DuplicatePathway {
  @ApiProperty({ enum: ['duplicate_pathway'] }) rule: 'duplicate_pathway';
  @ApiProperty({ enum: PATHWAY_KINDS }) kind: PathwayKind;
  @ApiProperty({ type: 'string', format: 'uuid', description: 'the merged-away registration’s pathway' }) pathwayId: string;
  @ApiProperty({ type: 'string', format: 'uuid', description: 'the pathway it overlaps' }) overlapsPathwayId: string;
}

export class MergeResult extends WriteResult {
  @ApiProperty({
    type: [DuplicatePathway],
    description:
      'the duplicate measures the merge brought to light; also flagged in the career and listed in GET /conflicts until one of each pair ends',
  })
  duplicatePathways: DuplicatePathway[];
}
