# syntax=docker/dockerfile:1
# Lotse API, production image. Build: docker compose build, or docker build -t lotse .
# Node ≥ 20.19: NestJS 12 ships ES modules that the compiled CommonJS require()s (unflagged from 20.19 on).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: full install (Nest CLI, TypeScript), compile to dist/ -----------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY src ./src
COPY scripts ./scripts
RUN npm run build

# --- prod-deps: runtime dependencies only ----------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    NODE_OPTIONS="--enable-source-maps --max-semi-space-size=32"
WORKDIR /app
# Code and dependencies stay root-owned and read-only for the app user; only /data is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# No curl in the slim image: Node 20's own fetch asks /health.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
