import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '../config';
import { statisticsPageCsp } from './content-security-policy';
import { loginSettingsOf } from './login-settings';
import { loadPageAssets, PageAssets, renderPage } from './page-assets';
import { StatisticsPageRoute } from './statistics-page.route';
import { PAGE_ASSETS, PAGE_SHELL, PageShell } from './statistics-page.tokens';

/** GET /statistics: the core group's page. Knows no other context: it talks to the statistics API through the browser. */
@Module({
  controllers: [StatisticsPageRoute],
  providers: [
    { provide: PAGE_ASSETS, useFactory: loadPageAssets },
    {
      provide: PAGE_SHELL,
      inject: [APP_CONFIG, PAGE_ASSETS],
      useFactory: (config: AppConfig, assets: PageAssets): PageShell => {
        const login = loginSettingsOf(config);
        return { html: renderPage(login, assets), csp: statisticsPageCsp(login.mode === 'oidc' ? login.providerOrigin : undefined) };
      },
    },
  ],
})
export class StatisticsPageModule {}
