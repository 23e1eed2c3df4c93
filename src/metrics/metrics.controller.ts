import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth';
import { ApiOperationFor } from '../http';
import type { HttpResponse } from '../http';

/** Prometheus text format. Public like /health: scrapers carry no token, and nothing in it is about a person. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperationFor({
    summary: 'Read metrics',
    description: 'Prometheus metrics: projection lag and throughput, request figures, process figures. For scrapers.',
    answers: { status: 200, contentType: 'text/plain', description: 'The metrics in Prometheus’ text format (version 0.0.4)' },
  })
  async metrics(@Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    res.header('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
