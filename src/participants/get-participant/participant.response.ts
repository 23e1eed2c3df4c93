import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Entitlement,
  GERMAN_LEVELS,
  GermanLevel,
  Jurisdiction,
  JURISDICTIONS,
  Need,
  NEEDS,
  NeedsAssessment,
  PATHWAY_KINDS,
  PathwayKind,
  RESIDENCE_STATUSES,
  ResidenceStatus,
  SCHOOL_CERTIFICATES,
  SchoolCertificate,
} from '@lotse/domain';
import { PersonalDataView } from '../../personal-data';

export class EntitlementView implements Entitlement {
  @ApiProperty({ description: 'a UUID, or `<participant id>-e<n>` for the n-th entitlement given at registration' }) entitlementId: string;
  @ApiProperty({ enum: JURISDICTIONS, example: 'sgb2' }) jurisdiction: Jurisdiction;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-01-01' }) from: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-31' }) to?: string;
}

export class NeedsAssessmentView implements NeedsAssessment {
  @ApiProperty({ type: 'string', format: 'uuid' }) assessmentId: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01' }) assessedOn: string;
  @ApiProperty({ enum: NEEDS, isArray: true }) needs: Need[];
  @ApiPropertyOptional({ enum: GERMAN_LEVELS }) germanLevel?: GermanLevel;
  @ApiPropertyOptional({ enum: SCHOOL_CERTIFICATES }) schoolCertificate?: SchoolCertificate;
  @ApiProperty({ description: 'the coach who assessed' }) assessedBy: string;
}

export class ParticipantView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'neuss' }) municipality: string;
  @ApiProperty({ enum: RESIDENCE_STATUSES, example: 'gestattung' }) residenceStatus: ResidenceStatus;
  @ApiProperty({ enum: ['registered', 'erased', 'merged'] }) status: 'registered' | 'erased' | 'merged';
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'set when this registration was merged into another one: read that one instead',
  })
  mergedInto?: string;
  @ApiProperty({ type: [EntitlementView] }) entitlements: EntitlementView[];
  @ApiProperty({ type: PersonalDataView, nullable: true, description: 'null when erased or not visible to the role' })
  personalData: PersonalDataView | null;
  @ApiProperty({
    type: NeedsAssessmentView,
    nullable: true,
    description: 'the latest needs assessment (by assessedOn), null before the first',
  })
  needsAssessment: NeedsAssessmentView | null;
  @ApiProperty({
    enum: PATHWAY_KINDS,
    isArray: true,
    description:
      'assessed needs of a pathway kind with no active pathway of that kind, whoever funds it (from the guard’s enrolment ledger)',
  })
  openNeeds: PathwayKind[];
  @ApiProperty({ type: 'integer', example: 3 }) version: number;
}
