import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor } from '../../http';
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
  @ApiOperationFor({
    summary: 'Verify the log',
    description:
      'Checks the hash chains and the Merkle tree against the latest signed checkpoint (of one stream with `stream`). ' +
      'Answers 200 either way: `intact` says whether anything was found, `firstFailure` the first bad position in log order and why ' +
      '(hash_mismatch, version_gap, missing_event, reordered, root_mismatch).',
    answers: { status: 200, type: VerificationReport, description: 'The report' },
    problems: { 403: ['forbidden'], 404: ['not_found'] },
  })
  verify(@CurrentUser() user: AuthenticatedUser, @Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.handler.execute(user, query.stream);
  }
}
