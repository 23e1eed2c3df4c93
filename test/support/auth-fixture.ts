import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, Roles } from '../../src/auth';
import { AppConfig } from '../../src/config';
import { createApp, startApp } from '../../src/create-app';

/** Routes that exist only in tests, to show what the global guards do to any controller. */
@Controller('auth-fixture')
class AuthFixtureController {
  @Get('coaching')
  @Roles('coach', 'admin')
  coaching(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }

  /** Forgot its @Roles: must be refused to everyone. */
  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }
}

@Module({ controllers: [AuthFixtureController] })
class AuthFixtureModule {}

/** The whole app plus the fixture routes, not listening: its exception filter shapes the answers. */
export const appWithAuthFixture = async (config: AppConfig): Promise<INestApplication> => {
  const app = await createApp(config, { extraImports: [AuthFixtureModule] });
  await startApp(app);
  return app;
};
