/**
 * The server `npm start` and the Docker image run (`node serve.mjs`, beside the `server.js` that
 * `next build` writes into `.next/standalone`): Next's standalone server with one compression
 * layer (compression.mjs) in front of its request handler. `next.config.js` sets `compress: false`,
 * so nothing else compresses.
 *
 * Next's `server.js` starts its HTTP server through `http.createServer(requestListener)`
 * (next/dist/server/lib/start-server.js); the first such call made while `server.js` loads gets
 * the listener wrapped, and everything else (port, HOSTNAME, keep-alive, signals, upgrades) stays
 * Next's own. If a Next upgrade stops creating its server that way, this exits with an error
 * rather than serving uncompressed.
 */
import http from 'node:http';
import { compressing } from './compression.mjs';

const createServer = http.createServer;
let wrapped = false;
http.createServer = /** @type {typeof http.createServer} */ (
  function createCompressingServer(/** @type {any[]} */ ...args) {
    http.createServer = createServer;
    const at = args.findIndex((arg) => typeof arg === 'function');
    if (at >= 0) {
      args[at] = compressing(args[at]);
      wrapped = true;
    }
    return /** @type {any} */ (createServer).apply(http, args);
  }
);

await import('./server.js');
if (!wrapped) {
  http.createServer = createServer;
  console.error('serve.mjs: server.js did not create its HTTP server through http.createServer(listener); refusing to serve without the compression layer');
  process.exit(1);
}
