# syntax=docker/dockerfile:1
# Stackwise: the Slack/Discord bot. Build: docker build -t stackwise .
# Run:   docker run --env-file .env -p 3000:3000 -v stackwise-state:/var/lib/stackwise stackwise

# ---- build: dependencies first (a layer that survives code changes), then one TypeScript build ---
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Only the manifests: this layer, and the native better-sqlite3 build in it, are rebuilt when the
# dependencies change, not when the code does. --ignore-scripts skips the prepare script (it
# would compile sources that are not copied yet); the native module is then built on its own.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force
# The sources, compiled once; then the dev dependencies and the native build's leftovers go.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY bin ./bin
COPY data ./data
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && cd node_modules/better-sqlite3 \
  && rm -rf deps src build/deps build/Release/obj build/Release/obj.target build/Release/.deps \
    build/Release/sqlite3.a build/Release/test_extension.node \
  && cd /app && find dist -name "*.map" -delete

# ---- runtime: production node_modules, compiled code, dataset, launcher --------------------------
FROM node:20-bookworm-slim
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="stackwise" \
      org.opencontainers.image.description="A Slack and Discord bot that settles deep-learning framework debates with cited facts." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="node:20-bookworm-slim"
ENV NODE_ENV=production \
    STATE_DIR=/var/lib/stackwise \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
COPY --from=build /app/bin ./bin
# The image's own unprivileged "node" user (uid 1000) owns only the state folder.
RUN mkdir -p /var/lib/stackwise && chown node:node /var/lib/stackwise
USER node
VOLUME ["/var/lib/stackwise"]
EXPOSE 3000
# No curl in slim images: node itself asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM goes straight to node (no shell in between): the bot drains and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "bin/stackwise.js"]
