// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file
// of the built SPA, once at build time; the Go server sends them with
// Content-Encoding to clients that accept them (server/compression.go).
// Node's zlib has both, so no plugin is needed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);
// Below one packet compression gains nothing.
const minSize = 1024;

export function precompress(dir) {
  const written = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      written.push(...precompress(file));
      continue;
    }
    if (!compressible.has(extname(name))) continue;
    const body = readFileSync(file);
    if (body.length < minSize) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    written.push(file);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'dist/app');
  const files = precompress(dir);
  console.log(`precompressed ${files.length} files in ${dir} (brotli and gzip)`);
}
