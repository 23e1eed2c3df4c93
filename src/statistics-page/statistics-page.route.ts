import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth';
import { ApiProblemResponse } from '../http';
import { PageAsset } from './page-assets';
import { PAGE_ASSETS, PAGE_SHELL, PageShell } from './statistics-page.tokens';

/**
 * The statistics page of the alliance core group: an HTML shell and its files, public because they
 * hold no figure. The figures come from the statistics API, fetched by the page with the user's
 * own token, so the page shows exactly what that user may read.
 */
@ApiTags('statistics')
@Public()
@Controller('statistics')
export class StatisticsPageRoute {
  constructor(
    @Inject(PAGE_SHELL) private readonly shell: PageShell,
    @Inject(PAGE_ASSETS) private readonly assets: ReadonlyMap<string, PageAsset>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The statistics page (HTML): charts and tables of the statistics API, read with the user’s token' })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'the page; no data in it. Its own Content-Security-Policy: scripts and styles from this app only',
    content: { 'text/html': { schema: { type: 'string' } } },
    headers: { 'Content-Security-Policy': { schema: { type: 'string' }, description: 'the page’s own, stricter policy' } },
  })
  page(@Res() res: Response): void {
    res.setHeader('Content-Security-Policy', this.shell.csp);
    res.type('html').send(this.shell.html);
  }

  @Get('assets/:file')
  @ApiOperation({ summary: 'A file of the statistics page: its script, stylesheet, German labels, the charting library' })
  @ApiParam({
    name: 'file',
    enum: ['page.js', 'api.js', 'charts.js', 'format.js', 'login.js', 'tables.js', 'style.css', 'labels.js', 'd3.js', 'plot.js'],
  })
  @ApiProduces('text/javascript', 'text/css')
  @ApiOkResponse({
    description: 'the file',
    content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
    headers: {
      'Cache-Control': { schema: { type: 'string' }, description: 'an hour for the libraries, revalidated for the page’s own files' },
    },
  })
  @ApiProblemResponse(404, 'no such file of the page (code `not_found`)')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFoundException(`the statistics page has no file ${file}`);
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', asset.cacheControl);
    res.send(asset.body);
  }
}
