import { Controller, Delete, HttpCode, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '../../auth';
import { Ctx, RequestContext } from '../../event-sourcing';
import { setVersionHeaders, UuidParam, WriteResult } from '../../http';
import { ErasePersonalDataRequest } from './erase-personal-data.handler';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('participants')
export class ErasePersonalDataRoute {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/personal-data')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({
    type: WriteResult,
    description: 'destroys the participant’s key: names, birth date and notes become unreadable for good',
  })
  async erase(
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    const result: WriteResult = await this.commands.execute(new ErasePersonalDataRequest(user, context, id));
    setVersionHeaders(res, result.version);
    return result;
  }
}
