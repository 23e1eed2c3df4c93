import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldComparison } from '@lotse/domain';
import { PersonalDataView } from '../../personal-data';

export class FieldComparisonView {
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) givenName: FieldComparison;
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) familyName: FieldComparison;
  @ApiProperty({ enum: ['equal', 'similar', 'different'] }) birthDate: FieldComparison;
}

export class DuplicatePairView {
  @ApiProperty() pairId: string;
  @ApiProperty() participantA: string;
  @ApiProperty() participantB: string;
  @ApiProperty() municipalityA: string;
  @ApiProperty() municipalityB: string;
  @ApiProperty({ example: 0.92 }) score: number;
  @ApiProperty({ type: FieldComparisonView }) fields: FieldComparisonView;
  @ApiProperty() foundAt: string;
  @ApiPropertyOptional({ description: 'admin only: the clear values of both registrations (null once erased)' })
  clear?: { a: PersonalDataView | null; b: PersonalDataView | null };
}
