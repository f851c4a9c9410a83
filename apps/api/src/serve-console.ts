import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Paths the console never answers: the API, survey links, the contact form, request pages, health and
 * socket.io keep their own pages and 404s.
 */
const SERVER_PREFIXES = ['/api', '/csat', '/contact', '/requests', '/health', '/socket.io'];

const isServerPath = (url: string): boolean =>
  SERVER_PREFIXES.some(
    (prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`),
  );

/**
 * The built console (apps/console/dist), looked up from this file upwards so that both the
 * TypeScript sources and the compiled dist/apps/api/... find it.
 */
export function findConsoleBuild(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'console', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves the single-page console at `/`: its files as they are (hashed assets cached for a
 * year) and index.html for every other GET outside the server's own prefixes, so that deep links
 * like /tickets/<id> load the app. Returns false when there is no build to serve.
 */
export async function serveConsole(app: NestFastifyApplication, root = findConsoleBuild()): Promise<boolean> {
  if (!root) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      const hashed = path.startsWith(join(root, 'assets'));
      void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      if (isServerPath(request.url)) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  return true;
}
