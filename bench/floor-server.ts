// Child process: the serving floor. Plain node:http answering each tile path with the very bytes the
// Tasmim server cached for it (gzip, with its ETag), from a Map: no routing, no validation, no cache
// logic. Whatever our server spends beyond this is the cost of Fastify, validation and the cache lookup.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Stored {
  gz: string;
  etag: string;
}
const tiles = new Map<string, { gz: Buffer; etag: string }>();
for (const [path, t] of Object.entries(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, Stored>)) {
  tiles.set(path, { gz: Buffer.from(t.gz, 'base64'), etag: t.etag });
}

const server = http.createServer((req, res) => {
  const q = req.url!.indexOf('?');
  const tile = tiles.get(q < 0 ? req.url! : req.url!.slice(0, q));
  if (!tile) {
    res.writeHead(404).end();
  } else if (tile.gz.length === 0) {
    res.writeHead(204, { etag: tile.etag }).end();
  } else {
    res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile', 'content-encoding': 'gzip', etag: tile.etag });
    res.end(tile.gz);
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
