import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CompletePathwayDto } from '../complete-pathway/complete-pathway.dto';

/** An end like a completion, with any outcome, and the reason in the coach's words. */
export class AbortPathwayDto extends CompletePathwayDto {
  @ApiProperty({ example: 'Moved to another city.', description: 'free text, stored encrypted' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
