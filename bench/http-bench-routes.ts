import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { Public } from '../src/auth';

class NoopDto {
  @IsString()
  @MaxLength(100)
  ping: string;
}

/**
 * The floor the HTTP section compares case steps with: a route that does nothing, reached through
 * everything every route goes through (request id, JSON parser, guards, the global validation
 * pipe, the idempotency interceptor, the problem filter, serialisation). Public, so no token is
 * verified: that cost belongs to the case-step row.
 */
@Controller('bench')
class BenchController {
  @Post('noop')
  @HttpCode(200)
  @Public()
  noop(@Body() _body: NoopDto) {
    return { ok: true };
  }
}

/** Added to the measured server through createApp's extraImports; it exists only in the bench. */
@Module({ controllers: [BenchController] })
export class BenchRoutesModule {}
