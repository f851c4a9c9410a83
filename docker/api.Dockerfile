# syntax=docker/dockerfile:1
# Ledgerdesk API image. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t ledgerdesk-api .
# The image also holds the CLI (dist/apps/cli), used by compose's one-shot `migrate` service.

# ---- build: install everything, compile, then drop the dev dependencies ----------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts, as locally (package.json "allowScripts" disables all of them): argon2 and
# msgpackr-extract load prebuilt binaries.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `npm run build` also builds the web console (Vite, a dev dependency) into apps/console/dist.
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built web console, served at / (the api looks for apps/console/dist above its own files).
COPY --from=build /app/apps/console/dist ./apps/console/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
