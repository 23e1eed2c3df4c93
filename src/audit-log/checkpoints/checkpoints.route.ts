import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
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
  @ApiOperationFor({
    summary: 'Read the latest checkpoint',
    description: 'The latest signed checkpoint of the Merkle tree over the whole log.',
    answers: { status: 200, type: CheckpointResponse, description: 'The checkpoint' },
    problems: { 404: ['not_found'] },
  })
  latest(): Promise<CheckpointResponse> {
    return this.handler.latest();
  }

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read a checkpoint by tree size',
    description: 'The checkpoint signed at a given tree size.',
    answers: { status: 200, type: CheckpointResponse, description: 'The checkpoint' },
    problems: { 404: ['not_found'] },
  })
  ofSize(@Query() query: CheckpointQuery): Promise<CheckpointResponse> {
    return this.handler.ofSize(query.treeSize);
  }
}
