import { ApiProperty } from '@nestjs/swagger';
import { CareerConflict } from '../career/career.view';

export class ParticipantConflicts {
  @ApiProperty() participantId: string;
  @ApiProperty({ type: [CareerConflict] }) conflicts: CareerConflict[];
}

export class ConflictsPage {
  @ApiProperty({ type: [ParticipantConflicts] }) items: ParticipantConflicts[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'people with open conflicts' }) total: number;
  @ApiProperty({ description: 'the log position the list reflects at least' }) position: number;
}
