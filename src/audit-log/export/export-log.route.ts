import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { ApiProblemResponse } from '../../http';
import { ExportLogQuery } from './export-log.dto';
import { ExportLogHandler } from './export-log.handler';

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
  @ApiOperation({
    summary: 'Exports events as stored (sealed fields sealed), the signed checkpoint and the proofs, as NDJSON',
    description: 'Check the file with `npm run --silent audit -- verify <file.ndjson> --public-key <file> [--checkpoint <saved note>]`.',
  })
  @ApiProduces(NDJSON)
  @ApiHeader({ name: 'Lotse-Purpose', required: false, description: 'why the log is exported; goes into the access record' })
  @ApiResponse({
    status: 200,
    description: 'one JSON object per line: header, events, checkpoint, range_proof[, consistency]',
    content: { [NDJSON]: { schema: { type: 'string' } } },
  })
  @ApiProblemResponse(
    400,
    'validation_failed: a position is not a positive integer, toPosition before fromPosition, consistencyFrom beyond the tree',
  )
  @ApiProblemResponse(404, 'not_found: a position names no event of the latest checkpoint, or the log is empty')
  @ApiProblemResponse(503, 'store_unavailable: the events are not in PostgreSQL or PGlite')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportLogQuery,
    @Headers('lotse-purpose') purpose: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const plan = await this.handler.plan(user, query, purpose?.slice(0, 500));
    res.status(200);
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
