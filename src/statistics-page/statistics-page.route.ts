import { Controller, Get, Headers, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { ApiOperationFor } from '../http';
import { preferredEncoding } from './content-encoding';
import { ASSET_CACHE, PageAssets } from './page-assets';
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
    @Inject(PAGE_ASSETS) private readonly assets: PageAssets,
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
    description:
      'The page’s script (its modules with their SVG charts and the German labels, bundled) or its stylesheet, by the name ' +
      'the page refers to it with: a hash of its content, so it may be kept for a year. Brotli or gzip as `Accept-Encoding` allows.',
    answers: {
      status: 200,
      description: 'The file, `Cache-Control: public, max-age=31536000, immutable`',
      alternatives: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' } },
      headers: {
        'Content-Encoding': {
          description: '`br` or `gzip` when `Accept-Encoding` allows it',
          schema: { type: 'string', enum: ['br', 'gzip'] },
        },
        Vary: { description: '`Accept-Encoding`', schema: { type: 'string' } },
      },
    },
    problems: { 404: ['not_found'] },
  })
  @ApiParam({
    name: 'file',
    description: 'A name the page refers to, e.g. `page.3f2c9a1b4d5e6f70.js`',
    example: 'page.3f2c9a1b4d5e6f70.js',
  })
  asset(@Param('file') file: string, @Headers('accept-encoding') acceptEncoding: string | undefined, @Res() res: HttpResponse): void {
    const asset = this.assets.files.get(file);
    if (!asset) throw new NotFoundException(`the statistics page has no file ${file}`);
    const encoding = preferredEncoding(acceptEncoding);
    res.header('Content-Type', asset.contentType);
    res.header('Cache-Control', ASSET_CACHE);
    res.header('Vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.header('Content-Encoding', encoding);
    res.send(asset.bodies[encoding]);
  }
}
