import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { ApiOperationFor } from '../http';
import { PageAsset } from './page-assets';
import { PAGE_ASSETS, PAGE_SHELL, PageShell } from './statistics-page.tokens';
import type { HttpResponse } from '../http';

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
  @ApiOperationFor({
    summary: 'Open the statistics page',
    description:
      'The statistics page (HTML): charts and tables of the statistics API, read with the user’s own token; no figure in the page itself.',
    answers: { status: 200, contentType: 'text/html', description: 'The page, with its own, stricter Content-Security-Policy' },
  })
  page(@Res() res: HttpResponse): void {
    res.header('Content-Security-Policy', this.shell.csp);
    res.type('text/html; charset=utf-8').send(this.shell.html);
  }

  @Get('assets/:file')
  @ApiOperationFor({
    summary: 'Load a file of the statistics page',
    description: 'The page’s script, stylesheet, German labels, or the charting library.',
    answers: {
      status: 200,
      description: 'The file; the libraries cached for an hour, the page’s own files revalidated',
      alternatives: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' } },
    },
    problems: { 404: ['not_found'] },
  })
  @ApiParam({
    name: 'file',
    enum: ['page.js', 'api.js', 'charts.js', 'format.js', 'login.js', 'tables.js', 'style.css', 'labels.js', 'd3.js', 'plot.js'],
  })
  asset(@Param('file') file: string, @Res() res: HttpResponse): void {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFoundException(`the statistics page has no file ${file}`);
    res.header('Content-Type', asset.contentType);
    res.header('Cache-Control', asset.cacheControl);
    res.send(asset.body);
  }
}
