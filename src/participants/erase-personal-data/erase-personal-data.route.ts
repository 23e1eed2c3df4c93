import { Controller, Delete, HttpCode, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { ApiOperationFor, setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { ErasePersonalDataRequest } from './erase-personal-data.handler';
import type { HttpResponse } from '../../http';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ErasePersonalDataRoute {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/personal-data')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperationFor({
    summary: 'Erase personal data',
    description:
      'Destroys the participant’s key: names, birth date, notes and reasons become unreadable for good (crypto-shredding). The pathways and their facts stay for the statistics.',
    answers: { status: 200, type: WriteResult, description: 'Erased', etag: true },
    problems: { 404: ['not_found'] },
  })
  async erase(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new ErasePersonalDataRequest(user, context, id));
    setVersionHeaders(res, result.version);
    return result;
  }
}
