# syntax=docker/dockerfile:1
# Ledgerdesk worker image (queue consumers). Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t ledgerdesk-worker .

# ---- build: install everything, compile, then drop the dev dependencies ----------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts, as locally (package.json "allowScripts" disables all of them): argon2 and
# msgpackr-extract load prebuilt binaries.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/apps/worker/apps/worker/src/main.js"]
