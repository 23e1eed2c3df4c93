import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { setVersionHeaders, UuidParam } from '../../http';
import { MinPositionQuery } from '../../read-models';
import { GetPathway } from './get-pathway.handler';
import { PathwayView } from './pathway.response';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('pathways')
export class PathwayRoute {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('coach', 'coordinator', 'auditor', 'admin')
  @ApiOkResponse({ type: PathwayView })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: MinPositionQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PathwayView> {
    const view: PathwayView = await this.queries.execute(new GetPathway(user, id, query.minPosition));
    setVersionHeaders(res, view.version);
    return view;
  }
}
