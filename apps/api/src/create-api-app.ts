import fastifyHelmet from '@fastify/helmet';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CSAT_INLINE_SCRIPT_SOURCES } from '@ledgerdesk/csat';
import { ApiExceptionFilter, AppConfig, createValidationPipe } from '@ledgerdesk/shared';
import { REQUEST_PAGE_INLINE_SCRIPT_SOURCES } from '@ledgerdesk/tickets';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { acceptNdjsonStreams, acceptStreamedBodies } from './ndjson-body';

export interface ApiAppOptions {
  logger?: boolean;
  /**
   * Serve the Swagger UI pages (needs @fastify/static, whose ESM dependencies Jest cannot
   * load); the OpenAPI JSON at /api/docs/openapi.json is always served.
   */
  swaggerUi?: boolean;
}

/**
 * What a page of the desk may load, for the console, the OpenAPI UI and the customers' pages
 * (contact form, request pages, survey links): only this origin's scripts, styles (inline ones
 * too: the server-rendered pages carry theirs) and connections (the API, socket.io); forms post
 * here only; no page may be framed by another site (clickjacking a survey or a request page).
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  // Inline scripts only by hash: the survey page's (it sends the rating the link chose) and the
  // request page's (it shows a new reply without a reload). A chat page loads its scripts from
  // here (/socket.io/socket.io.min.js, /chat/client.js).
  scriptSrc: ["'self'", ...CSAT_INLINE_SCRIPT_SOURCES, ...REQUEST_PAGE_INLINE_SCRIPT_SOURCES],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // TLS is the proxy's in front of the desk; a desk served over plain HTTP (development) must
  // still load its own files.
  upgradeInsecureRequests: null,
};

/** Builds the HTTP + socket.io application; shared by main.ts and the end-to-end tests. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const config = AppConfig.fromEnvironment();
  const adapter = new FastifyAdapter({ bodyLimit: config.httpBodyLimitBytes, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } });
  acceptNdjsonStreams(app, config.importMaxBytes);
  acceptStreamedBodies(app, 'text/csv', config.importMaxBytes);

  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      // CSAT survey links: public pages at PUBLIC_URL/csat/<token>, outside the API.
      { path: 'csat/:token', method: RequestMethod.GET },
      { path: 'csat/:token', method: RequestMethod.POST },
      // The public contact form (web channel): PUBLIC_URL/contact.
      { path: 'contact', method: RequestMethod.GET },
      { path: 'contact', method: RequestMethod.POST },
      // The start of a web chat and the chat pages' script: PUBLIC_URL/chat.
      { path: 'chat', method: RequestMethod.GET },
      { path: 'chat', method: RequestMethod.POST },
      { path: 'chat/client.js', method: RequestMethod.GET },
      // A customer's request page (the link in the acknowledgement email): PUBLIC_URL/requests/<token>.
      { path: 'requests/:token', method: RequestMethod.GET },
      { path: 'requests/:token', method: RequestMethod.POST },
      { path: 'requests/:token/state', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useWebSocketAdapter(new IoAdapter(app));
  app.enableShutdownHooks();
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });

  const openApi = new DocumentBuilder()
    .setTitle('Ledgerdesk API')
    .setDescription('Billing service desk: agents, tickets and the timestamped interaction log')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerUiEnabled: options.swaggerUi ?? true,
  });
  return app;
}
