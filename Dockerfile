# syntax=docker/dockerfile:1
#
# One image per service of the supergraph, from one Dockerfile:
#   docker build --build-arg SERVICE=tenancy -t academy-tenancy .
# SERVICE is gateway, tenancy, conocer, analytics or conocer-sandbox (see start-service below);
# docker-compose.yml builds all five. The layers before `ARG SERVICE` in the runtime stage are the
# same for every service, so the builds share them.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source (.npmrc: build-from-source=true): prebuilt binaries of the
# pinned version are not trusted on every libc, and the SQLite fallback must load everywhere.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The npm of package.json's `packageManager` (the lockfile's npm); the image ships an older one.
ARG NPM_VERSION=11.19.1
RUN npm install -g npm@${NPM_VERSION}
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# Manifests first, so editing sources does not re-run `npm ci` (and its ~70 s sqlite compile).
# Every workspace's package.json must be listed: npm ci installs only the workspaces it can see.
COPY package.json package-lock.json .npmrc ./
COPY gateway/package.json gateway/
COPY packages/cache/package.json packages/cache/
COPY packages/conocer-client/package.json packages/conocer-client/
COPY packages/conocer-sandbox/package.json packages/conocer-sandbox/
COPY packages/embedded/package.json packages/embedded/
COPY packages/event-bus/package.json packages/event-bus/
COPY packages/privacy/package.json packages/privacy/
COPY packages/renec/package.json packages/renec/
COPY packages/service-kit/package.json packages/service-kit/
COPY packages/subgraph-kit/package.json packages/subgraph-kit/
COPY packages/testing/package.json packages/testing/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY subgraphs/conocer/package.json subgraphs/conocer/
COPY subgraphs/tenancy/package.json subgraphs/tenancy/
COPY e2e/package.json e2e/
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev

# Exactly what the services load at run time, laid out as in the repository: the gateway finds
# schema/supergraph.graphql, the renec package its data/ and the dashboard its assets relative to their dist/ folders.
# Workspaces with a nested node_modules (versions that could not be hoisted) keep it.
RUN mkdir /runtime \
 && cp -a --parents package.json node_modules schema packages/renec/data gateway/src/dashboard/assets /runtime/ \
 && for workspace in gateway packages/* subgraphs/*; do \
      cp -a --parents "$workspace/package.json" "$workspace/dist" /runtime/ || exit 1; \
      if [ -d "$workspace/node_modules" ]; then cp -a --parents "$workspace/node_modules" /runtime/; fi; \
    done

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# SERVICE → the compiled entry point and the port it listens on by default (the services' PORT
# defaults; e2e/test/deployment-config.test.ts checks both against the code).
COPY --chmod=755 <<'EOF' /usr/local/bin/start-service
#!/bin/sh
# start-service [probe <path>]: runs $SERVICE, or (probe) exits 0 when its <path> answers 2xx.
set -eu
case "${SERVICE:-}" in
  gateway) main=gateway/dist/main.js; port=4000 ;;
  tenancy) main=subgraphs/tenancy/dist/main.js; port=4001 ;;
  conocer) main=subgraphs/conocer/dist/main.js; port=4002 ;;
  analytics) main=subgraphs/analytics/dist/main.js; port=4003 ;;
  conocer-sandbox) main=packages/conocer-sandbox/dist/main.js; port=4010 ;;
  *) echo "start-service: SERVICE must be gateway, tenancy, conocer, analytics or conocer-sandbox (got '${SERVICE:-}')" >&2; exit 64 ;;
esac
if [ "${1:-}" = probe ]; then
  # No curl in the slim image; Node's fetch is enough for a probe.
  exec node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:${PORT:-$port}${2:-/healthz}"
fi
# exec: node is PID 1 and receives SIGTERM itself (the services shut down gracefully on it).
exec node --enable-source-maps "/app/$main"
EOF

# Code stays root-owned (the service cannot rewrite itself); only .data/, where SQLITE_PATH
# points when DATABASE_URL is unset, is writable by the service's user.
COPY --from=build /runtime /app
RUN install -d -o node -g node /app/.data
USER node

# Last, so the layers above are shared by the service images.
ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["start-service", "probe", "/healthz"]
CMD ["start-service"]
