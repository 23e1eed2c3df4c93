import { ApiProperty } from '@nestjs/swagger';
import { CareerConflict } from '../career/career.view';

export class ParticipantConflicts {
  @ApiProperty({ type: 'string', format: 'uuid' }) participantId: string;
  @ApiProperty({ type: [CareerConflict] }) conflicts: CareerConflict[];
}

export class ConflictsPage {
  @ApiProperty({ type: [ParticipantConflicts] }) items: ParticipantConflicts[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'people with open conflicts' }) total: number;
  @ApiProperty({ type: 'integer', description: 'the log position the list reflects at least' }) position: number;
}
