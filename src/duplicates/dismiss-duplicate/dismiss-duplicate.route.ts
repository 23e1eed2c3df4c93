import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { DuplicatePairDto } from './dismiss-duplicate.dto';
import { DismissDuplicateRequest } from './dismiss-duplicate.handler';
import { UuidParam } from '../../http';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('participants')
export class DismissDuplicateRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/not-duplicate')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ description: 'marks the pair as two different people' })
  dismiss(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: DuplicatePairDto,
  ) {
    return this.commands.execute(new DismissDuplicateRequest(user, context, id, body.duplicateId));
  }
}
