import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { DismissedPairView, DuplicatePairDto } from './dismiss-duplicate.dto';
import { DismissDuplicateRequest } from './dismiss-duplicate.handler';
import { ApiOperationFor, UuidParam } from '../../http';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('participants')
export class DismissDuplicateRoute {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/not-duplicate')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperationFor({
    summary: 'Dismiss a potential duplicate',
    description: 'Marks the pair as two different people; it leaves the list of potential duplicates.',
    answers: { status: 200, type: DismissedPairView, description: 'Dismissed' },
    problems: { 404: ['not_found'], 422: ['invalid_merge'] },
  })
  dismiss(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: DuplicatePairDto,
  ) {
    return this.commands.execute(new DismissDuplicateRequest(user, context, id, body.duplicateId));
  }
}
