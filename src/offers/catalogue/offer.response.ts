import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JURISDICTIONS, Jurisdiction, PATHWAY_KINDS, PathwayKind, RESIDENCE_STATUSES, ResidenceStatus } from '@lotse/domain';

export class OfferPeriodView {
  @ApiProperty({ example: '2026-09-01' }) from: string;
  @ApiPropertyOptional({ example: '2027-06-30' }) to?: string;
}

export class PlacesChangeView {
  @ApiProperty({ example: 15 }) places: number;
  @ApiProperty({ example: '2026-10-01' }) changedOn: string;
}

export class OfferView {
  @ApiProperty() id: string;
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
  @ApiPropertyOptional({ description: 'the first day it no longer runs' }) closedOn?: string;
  @ApiPropertyOptional() closeReason?: string;
  @ApiProperty({ type: [PlacesChangeView] }) placeChanges: PlacesChangeView[];
  @ApiProperty({ example: '2026-09-01', description: 'the day the figures below are for' }) asOf: string;
  @ApiProperty({ description: 'whether it runs on asOf' }) open: boolean;
  @ApiProperty({ example: 12, description: 'places in force on asOf' }) places: number;
  @ApiProperty({ example: 9, description: 'places held by pathways on asOf' }) occupied: number;
  @ApiProperty({ example: 3, description: 'places - occupied, never below 0' }) free: number;
  @ApiProperty() version: number;
}

export class OfferPage {
  @ApiProperty({ type: [OfferView] }) items: OfferView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'the read model had applied the log at least up to here' }) position: number;
}
