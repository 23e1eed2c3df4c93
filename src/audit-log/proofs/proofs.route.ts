import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
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
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of one event in the tree of a checkpoint' })
  @ApiOkResponse({ type: InclusionProofResponse })
  @ApiProblemResponse(400, 'validation_failed: eventId is not a UUID, or treeSize not a positive integer')
  @ApiProblemResponse(403, "forbidden: the event belongs to another municipality than the auditor's")
  @ApiProblemResponse(404, 'not_found: the event is not in the tree (of that size), or the tree is smaller')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  inclusion(@CurrentUser() user: AuthenticatedUser, @Query() query: InclusionProofQuery): Promise<InclusionProofResponse> {
    return this.handler.inclusion(user, query.eventId, query.treeSize);
  }

  /** Tenant-free: it proves one tree extends another, hashes only. */
  @Get('consistency')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'RFC 9162 consistency proof that the tree of `to` extends the tree of `from`' })
  @ApiOkResponse({ type: ConsistencyProofResponse })
  @ApiProblemResponse(400, 'validation_failed: from or to missing, not positive integers, or from > to')
  @ApiProblemResponse(404, 'not_found: the tree is smaller than `to`')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  consistency(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofResponse> {
    return this.handler.consistency(query.from, query.to);
  }
}
