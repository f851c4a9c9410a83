import 'reflect-metadata';
import { AppConfig } from '@ledgerdesk/shared';
import { createApiApp } from './create-api-app';
import { serveConsole } from './serve-console';

async function bootstrap(): Promise<void> {
  const app = await createApiApp();
  await serveConsole(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
