import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { MAX_GROUP_BY, PATHWAY_DIMENSIONS, PATHWAY_MEASURES, PathwayDimension, PathwayMeasure } from '@lotse/domain';
import { commaList, PeriodQuery } from '../statistics-query.dto';

export class PathwayStatisticsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: PATHWAY_MEASURES, default: 'started' })
  @IsOptional()
  @IsIn(PATHWAY_MEASURES)
  measure?: PathwayMeasure;

  @ApiPropertyOptional({
    type: String,
    example: 'kind,jurisdiction',
    description: `comma-separated, at most ${MAX_GROUP_BY} of ${PATHWAY_DIMENSIONS.join(', ')}; the last one forms the columns. Default \`kind\``,
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_BY)
  @ArrayUnique()
  @IsIn(PATHWAY_DIMENSIONS, { each: true, message: `groupBy may name only ${PATHWAY_DIMENSIONS.join(', ')}` })
  groupBy?: PathwayDimension[];
}
