import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth';
import { ProjectionRebuilds, RebuildState } from './projection-rebuilds';
import { ProjectionsView, RebuildStateView } from './projections.response';
import { ApiOperationFor } from '../http';

/**
 * Operating the read models. Admin only, and not bound to a municipality: a read model holds
 * every municipality's rows, so rebuilding one is an operator's act for the whole deployment.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class AdminProjectionsController {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  @Get()
  @Roles('admin')
  @ApiOperationFor({
    summary: 'List the projections',
    description: 'Each read model’s projection: the log position it has applied, its state, and the last rebuild with its progress.',
    answers: { status: 200, type: ProjectionsView, description: 'The projections' },
  })
  list() {
    return { projections: this.rebuilds.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperationFor({
    summary: 'Rebuild a projection',
    description:
      'Starts rebuilding one read model from the whole log beside the live one, which it replaces when done; follow it at GET /admin/projections.',
    answers: { status: 202, type: RebuildStateView, description: 'Started' },
    problems: { 404: ['not_found'], 409: ['rebuild_in_progress'] },
  })
  rebuild(@Param('name') name: string): Promise<RebuildState> {
    return this.rebuilds.start(name);
  }
}
