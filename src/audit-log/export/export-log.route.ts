import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { once } from 'node:events';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiOperationFor, takeRawResponse } from '../../http';
import { ExportLogQuery } from './export-log.dto';
import { ExportLogHandler } from './export-log.handler';
import type { HttpResponse } from '../../http';

export const NDJSON = 'application/x-ndjson';

/**
 * The whole log is one tree, so an export is not cut by municipality: it holds envelopes of every
 * municipality with every personal field sealed, for auditors and admins. Refusals (4xx) come
 * before the first byte; once streaming, a failure can only cut the connection, and the offline
 * verifier then reports the export incomplete.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/log')
export class ExportLogRoute {
  constructor(private readonly handler: ExportLogHandler) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'Export the log',
    description:
      'The events as stored (sealed fields sealed), the signed checkpoint and the proofs, as NDJSON: one JSON object per line ' +
      '(header, events, checkpoint, range_proof[, consistency]). Check the file offline with ' +
      '`npm run --silent audit -- verify <file.ndjson> --public-key <file> [--checkpoint <saved note>]`.',
    answers: {
      status: 200,
      contentType: NDJSON,
      description: 'The export, streamed',
      headers: {
        'Content-Disposition': { required: true, description: 'attachment; the file name names the range', schema: { type: 'string' } },
      },
    },
    problems: { 404: ['not_found'] },
  })
  @ApiHeader({ name: 'Lotse-Purpose', required: false, description: 'why the log is exported; goes into the access record' })
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportLogQuery,
    @Headers('lotse-purpose') purpose: string | undefined,
    @Res() reply: HttpResponse,
  ): Promise<void> {
    const plan = await this.handler.plan(user, query, purpose?.slice(0, 500));
    // Written here chunk by chunk, waiting for the client whenever its socket is full.
    const res = takeRawResponse(reply);
    res.statusCode = 200;
    res.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
    res.setHeader('Content-Disposition', `attachment; filename="lotse-log-${plan.header.fromLeaf}-${plan.header.toLeaf}.ndjson"`);
    try {
      await this.handler.stream(plan, async (chunk) => {
        if (res.destroyed) throw new Error('the client went away');
        if (!res.write(chunk)) await once(res, 'drain');
      });
      res.end();
    } catch {
      res.destroy();
    }
  }
}
