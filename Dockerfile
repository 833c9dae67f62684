# syntax=docker/dockerfile:1
# Stackwise: the Slack/Discord bot. Build: docker build -t stackwise .
# Run:   docker run --env-file .env -p 3000:3000 -v stackwise-state:/var/lib/stackwise stackwise

# ---- build: compile TypeScript and the native SQLite module, then drop dev dependencies ----------
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The same steps as CI (.ci/run): npm ci (its prepare script compiles dist/ and builds the native
# better-sqlite3 addon), npm run build; then only production dependencies are kept.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY bin ./bin
COPY data ./data
RUN npm ci --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production node_modules, compiled code, dataset, launcher --------------------------
FROM node:20-bookworm-slim
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
