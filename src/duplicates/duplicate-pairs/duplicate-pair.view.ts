import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldComparison } from '@lotse/domain';
import { PersonalDataView } from '../../personal-data';

export class FieldComparisonView {
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) givenName: FieldComparison;
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) familyName: FieldComparison;
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) birthDate: FieldComparison;
}

/** The clear values of both registrations, for an admin deciding on a merge. */
export class PairClearValuesView {
  @ApiProperty({ type: PersonalDataView, nullable: true, description: 'participantA’s; null once erased' }) a: PersonalDataView | null;
  @ApiProperty({ type: PersonalDataView, nullable: true, description: 'participantB’s; null once erased' }) b: PersonalDataView | null;
}

export class DuplicatePairView {
  @ApiProperty() pairId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) participantA: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) participantB: string;
  @ApiProperty() municipalityA: string;
  @ApiProperty() municipalityB: string;
  @ApiProperty({ type: 'number', example: 0.92 }) score: number;
  @ApiProperty({ type: FieldComparisonView }) fields: FieldComparisonView;
  @ApiProperty({ type: 'string', format: 'date-time' }) foundAt: string;
  @ApiPropertyOptional({ type: PairClearValuesView, description: 'admin only: the clear values of both registrations' })
  clear?: PairClearValuesView;
}
