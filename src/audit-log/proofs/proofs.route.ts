import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
import { ConsistencyProofResponse, InclusionProofResponse } from './proof.response';
import { ConsistencyProofQuery, InclusionProofQuery } from './proofs.dto';
import { ProveHandler } from './prove.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/proofs')
export class ProofsRoute {
  constructor(private readonly handler: ProveHandler) {}

  @Get('inclusion')
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'Prove an event is in the log',
    description:
      'An RFC 9162 inclusion proof of one event in the Merkle tree of a signed checkpoint (the latest, or the one of `treeSize`).',
    answers: { status: 200, type: InclusionProofResponse, description: 'The proof' },
    problems: { 403: ['forbidden'], 404: ['not_found'] },
  })
  inclusion(@CurrentUser() user: AuthenticatedUser, @Query() query: InclusionProofQuery): Promise<InclusionProofResponse> {
    return this.handler.inclusion(user, query.eventId, query.treeSize);
  }

  /** Tenant-free: it proves one tree extends another, hashes only. */
  @Get('consistency')
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'Prove the log only grew',
    description:
      'An RFC 9162 consistency proof that the tree of size `to` extends the tree of size `from`: hashes only, of no municipality.',
    answers: { status: 200, type: ConsistencyProofResponse, description: 'The proof' },
    problems: { 404: ['not_found'] },
  })
  consistency(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofResponse> {
    return this.handler.consistency(query.from, query.to);
  }
}
