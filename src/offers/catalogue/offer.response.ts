import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JURISDICTIONS, Jurisdiction, PATHWAY_KINDS, PathwayKind, RESIDENCE_STATUSES, ResidenceStatus } from '@lotse/domain';

export class OfferPeriodView {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-09-01' }) from: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-06-30' }) to?: string;
}

export class PlacesChangeView {
  @ApiProperty({ type: 'integer', example: 15 }) places: number;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-01' }) changedOn: string;
}

export class OfferView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty() municipality: string;
  @ApiProperty() title: string;
  @ApiProperty() provider: string;
  @ApiProperty({ enum: PATHWAY_KINDS }) kind: PathwayKind;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction: Jurisdiction;
  @ApiProperty({ enum: RESIDENCE_STATUSES, isArray: true }) openTo: ResidenceStatus[];
  @ApiProperty({ enum: RESIDENCE_STATUSES, isArray: true, description: 'open by a case-by-case decision (an override of not_eligible)' })
  openingPossible: ResidenceStatus[];
  @ApiProperty({ type: OfferPeriodView }) period: OfferPeriodView;
  @ApiProperty({ example: ['de', 'ar'] }) languages: string[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'when it was published' }) publishedAt: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'the first day it no longer runs' }) closedOn?: string;
  @ApiPropertyOptional() closeReason?: string;
  @ApiProperty({ type: [PlacesChangeView] }) placeChanges: PlacesChangeView[];
  @ApiProperty({ type: 'string', format: 'date', example: '2026-09-01', description: 'the day the figures below are for' }) asOf: string;
  @ApiProperty({ description: 'whether it runs on asOf' }) open: boolean;
  @ApiProperty({ type: 'integer', example: 12, description: 'places in force on asOf' }) places: number;
  @ApiProperty({ type: 'integer', example: 9, description: 'places held by pathways on asOf' }) occupied: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'places - occupied, never below 0' }) free: number;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class OfferPage {
  @ApiProperty({ type: [OfferView] }) items: OfferView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'the read model had applied the log at least up to here' }) position: number;
}
