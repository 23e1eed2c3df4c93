import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth';
import { ProjectionRebuilds, RebuildState } from './projection-rebuilds';

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
  @ApiOkResponse({ description: 'each projection: position, state, and the last rebuild with its progress' })
  list() {
    return { projections: this.rebuilds.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({
    description: 'rebuild started; follow it at GET /admin/projections; 409 rebuild_in_progress when one runs already',
  })
  rebuild(@Param('name') name: string): Promise<RebuildState> {
    return this.rebuilds.start(name);
  }
}
