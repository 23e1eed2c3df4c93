import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from './config';
import { createApp } from './create-app';
import { describeLocation } from './event-store';
import { exitOnStartupFailure, explainListenFailure, shutDownGracefullyOnSignals } from './lifecycle';

const start = async (): Promise<void> => {
  const config = loadConfig(process.env);
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(config);
    shutDownGracefullyOnSignals(app, config.SHUTDOWN_TIMEOUT_MS);
    await app.listen(config.PORT).catch((error: unknown) => {
      throw explainListenFailure(error, config.PORT);
    });
    new Logger('Lotse').log(`listening on port ${config.PORT}; events in ${describeLocation(config.EVENT_STORE_URL)}`);
  } catch (error) {
    // Whatever did open (an embedded database and its lock file) is closed before the process ends.
    await app?.close().catch(() => undefined);
    throw error;
  }
};

start().catch(exitOnStartupFailure);
