# syntax=docker/dockerfile:1
# backy's image: one image for every process of a deployment.
#   docker build -t backy .
#   docker run --env-file hub.env -p 9000:9000 backy                        # WORKER_MODE from the environment
#   docker run --env-file hub.env backy node_modules/.bin/medusa db:migrate # once per release, before the rest
# docker-compose.yml runs it as migrate (one-shot), server and worker (scalable).
# integration-tests/process/docker-image.spec.ts reads this file: keep its rules true.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# ── build: the server compiled into .medusa/server, the dashboard into .medusa/server/public/admin
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Tests and benchmarks are compiled too (tsconfig includes them); the image runs neither.
RUN npm run build \
 && rm -rf .medusa/server/integration-tests .medusa/server/bench .medusa/server/tmp

# ── production dependencies only, from the lock file `medusa build` copies into .medusa/server unchanged
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ── runtime: the build output and its production dependencies, run by an unprivileged user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=9000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.medusa/server ./
# The code stays root's (read-only to the app); Medusa's local file provider writes uploads to ./static.
RUN mkdir -p static && chown node:node static
USER node
EXPOSE 9000
# Servers answer GET /health/ready (Postgres, Redis, migrations, backlog); a worker
# (WORKER_MODE=worker) serves no API, only Medusa's liveness GET /health.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "const path = process.env.WORKER_MODE === 'worker' ? '/health' : '/health/ready'; require('http').get({ host: '127.0.0.1', port: process.env.PORT || 9000, path, timeout: 4000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1))"]
CMD ["node_modules/.bin/medusa", "start"]
