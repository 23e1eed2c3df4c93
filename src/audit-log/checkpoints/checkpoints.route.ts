import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
import { CheckpointResponse } from './checkpoint.response';
import { CheckpointQuery } from './checkpoints.dto';
import { GetCheckpointHandler } from './get-checkpoint.handler';

/**
 * Checkpoints are about the whole log, not a municipality: one tree over every event, hashes and
 * sizes only, nothing about a person or a case. So any auditor (and an admin) reads them.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/checkpoints')
export class CheckpointsRoute {
  constructor(private readonly handler: GetCheckpointHandler) {}

  @Get('latest')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The latest signed checkpoint of the Merkle tree over the whole log' })
  @ApiOkResponse({ type: CheckpointResponse })
  @ApiProblemResponse(404, 'not_found: no checkpoint signed yet')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  latest(): Promise<CheckpointResponse> {
    return this.handler.latest();
  }

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The checkpoint signed at a given tree size' })
  @ApiOkResponse({ type: CheckpointResponse })
  @ApiProblemResponse(400, 'validation_failed: treeSize missing or not a positive integer')
  @ApiProblemResponse(404, 'not_found: no checkpoint was signed at that size')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  ofSize(@Query() query: CheckpointQuery): Promise<CheckpointResponse> {
    return this.handler.ofSize(query.treeSize);
  }
}
