import { Body, Controller, Get, Injectable, Module, Post, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DomainError, DomainErrorCode, StaleVersionError } from '@lotse/domain';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../../src/auth';
import { ApiOperationFor, IdempotencyKey, IfMatch, IsCalendarDate, setVersionHeaders } from '../../src/http';
import type { HttpResponse } from '../../src/http';

/** What the probe routes did, for the tests to look at and steer. */
@Injectable()
export class ProbeState {
  calls = 0;
  failuresLeft = 0;
  delayMs = 0;
  private gate: Promise<void> | undefined;
  private openGate: () => void = () => undefined;

  reset(): void {
    this.calls = 0;
    this.failuresLeft = 0;
    this.delayMs = 0;
    this.release();
  }

  /** Handlers wait until `release()`: a request that is still running, on demand. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate();
    this.gate = undefined;
  }

  async enter(): Promise<number> {
    this.calls += 1;
    const call = this.calls;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await this.gate;
    return call;
  }
}

class ItemDto {
  @ApiProperty({ example: '2026-02-01' })
  @IsCalendarDate()
  on: string;
}

export class ThingDto {
  @ApiProperty({ example: 'a thing' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  count?: number;

  @ApiPropertyOptional({ type: [ItemDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items?: ItemDto[];
}

class RefusalDto {
  @ApiProperty() @IsString() code: string;
  // 412 asks for a stale If-Match (StaleVersionError); other statuses come from the code.
  @ApiPropertyOptional() @IsOptional() @IsInt() status?: number;
}

/** Routes that exist only in tests, each showing one convention of src/http. */
@Controller('probe')
class ProbeController {
  constructor(private readonly state: ProbeState) {}

  @Post('things')
  @Public()
  async create(@Body() body: ThingDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: HttpResponse) {
    const call = await this.state.enter();
    if (this.state.failuresLeft > 0) {
      this.state.failuresLeft -= 1;
      throw new Error('connection to 10.0.0.5 refused (a detail the client must not see)');
    }
    res.header('Location', `/probe/things/${call}`);
    setVersionHeaders(res, call);
    return { id: call, name: body.name, key: key ?? null, at: new Date().toISOString() };
  }

  @Post('refusals')
  @Public()
  @ApiOperationFor({
    summary: 'Refuse',
    description: 'Refuses with the status and code asked for.',
    answers: { status: 201, description: 'never given' },
    problems: { 409: ['duplicate_pathway'] },
  })
  async refuse(@Body() body: RefusalDto) {
    await this.state.enter();
    if (body.status === 412) throw new StaleVersionError(4, 3);
    // Unchecked on purpose: a code the status table does not know must still become a problem.
    throw new DomainError(body.code as DomainErrorCode, `refused with ${body.code}`, {
      conflicting: { kind: 'coaching', jurisdiction: 'sgb2', from: '2026-01-01', to: '2026-06-30' },
    });
  }

  @Get('versions')
  @Public()
  @ApiOperationFor({
    summary: 'Read If-Match',
    description: 'Answers the version If-Match names.',
    answers: { status: 200, description: 'the version' },
    ifMatch: true,
  })
  version(@IfMatch() ifMatch: number | undefined) {
    return { ifMatch: ifMatch ?? null };
  }

  /** Needs a token: the Idempotency-Key belongs to `req.user.sub`. */
  @Post('mine')
  @Roles('coach')
  async mine(@CurrentUser() user: AuthenticatedUser) {
    return { call: await this.state.enter(), sub: user.sub };
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeState] })
export class HttpProbeModule {}
