import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
import { VerificationReport } from '../verification/verification-report';
import { VerifyQuery } from './verify.dto';
import { VerifyHandler } from './verify.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verify')
export class VerifyRoute {
  constructor(private readonly handler: VerifyHandler) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Checks the hash chains and the Merkle tree against the latest signed checkpoint',
    description:
      'Answers 200 either way: `intact` says whether anything was found, `firstFailure` the first bad position in log order and why ' +
      '(hash_mismatch, version_gap, missing_event, reordered, root_mismatch).',
  })
  @ApiOkResponse({ type: VerificationReport })
  @ApiProblemResponse(400, 'validation_failed: stream is not a stream id')
  @ApiProblemResponse(403, "forbidden: the stream belongs to another municipality than the auditor's")
  @ApiProblemResponse(404, 'not_found: no such stream')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  verify(@CurrentUser() user: AuthenticatedUser, @Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.handler.execute(user, query.stream);
  }
}
