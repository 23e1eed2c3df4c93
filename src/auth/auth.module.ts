import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JWT_STRATEGY_OPTIONS } from './auth.tokens';
import { JwtStrategy } from './jwt.strategy';
import { jwtStrategyOptions } from './jwt-strategy-options';
import { RolesGuard } from './roles.guard';

/**
 * Authentication and roles for every route of the app. Global guards run in the order they are
 * provided here: who the caller is must be known before their roles are checked.
 */
@Module({
  imports: [PassportModule],
  providers: [
    {
      provide: JWT_STRATEGY_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const strategy = jwtStrategyOptions(config);
        new Logger('Auth').log(strategy.description);
        return strategy;
      },
    },
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
