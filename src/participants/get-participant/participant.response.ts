import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Entitlement, Jurisdiction, ResidenceStatus } from '@lotse/domain';
import { PersonalDataView } from '../../personal-data';

export class EntitlementView implements Entitlement {
  @ApiProperty() entitlementId: string;
  @ApiProperty({ example: 'sgb2' }) jurisdiction: Jurisdiction;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) to?: string;
}

export class ParticipantView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'neuss' }) municipality: string;
  @ApiProperty({ example: 'gestattung' }) residenceStatus: ResidenceStatus;
  @ApiProperty({ enum: ['registered', 'erased', 'merged'] }) status: 'registered' | 'erased' | 'merged';
  @ApiPropertyOptional({ description: 'set when this registration was merged into another one: read that one instead' })
  mergedInto?: string;
  @ApiProperty({ type: [EntitlementView] }) entitlements: EntitlementView[];
  @ApiProperty({ type: PersonalDataView, nullable: true, description: 'null when erased or not visible to the role' })
  personalData: PersonalDataView | null;
  @ApiProperty({ example: 3 }) version: number;
}
