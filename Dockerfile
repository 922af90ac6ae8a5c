# One replica of the search server with an immutable index (see README "Running more than one server").
#   docker build -t hmic-search .                       # index built from seeds/ into the image
#   docker build --build-arg SOURCE_DIR=releases -t hmic-search .
#   docker run -p 3000:3000 hmic-search
#   docker run -p 3000:3000 -v /srv/hmic-index:/app/index:ro hmic-search   # or mount a prebuilt index

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
ARG SOURCE_DIR=seeds
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The index is built at image build time, so every replica of the image serves the same one.
RUN node node_modules/tsx/dist/cli.mjs scripts/build-index.ts --source "$SOURCE_DIR" --out /app/index --quiet \
  && node node_modules/next/dist/bin/next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    INDEX_DIR=/app/index \
    DATA_DIR=/app/data
# The standalone server carries only the node_modules it uses; static assets are copied beside it,
# and so is serve.mjs, which runs it behind the compression layer (what `npm start` runs too).
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/server/serve.mjs /app/server/compression.mjs ./
# Owned by root and not writable by the server's user: the index is immutable in the image.
COPY --from=build /app/index ./index
# The one directory the server writes: the zero-result log (DATA_DIR, see README "HTTP API").
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "serve.mjs"]
