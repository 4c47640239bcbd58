/**
 * Decompress an upload with a zlib stream (the work runs on libuv's thread pool, in chunks, so
 * the event loop keeps answering every room and health check) and stop as soon as the output
 * passes `cap`: a 200 KB file that expands to 200 MiB costs at most `cap` bytes and is refused.
 */
import { createGunzip } from 'node:zlib';

export class DecompressedTooLarge extends Error {
  constructor(readonly cap: number) {
    super(`decompresses to more than ${cap} bytes`);
    this.name = 'DecompressedTooLarge';
  }
}

export const isGzip = (data: Uint8Array): boolean => data[0] === 0x1f && data[1] === 0x8b;

export function gunzipCapped(data: Buffer, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createGunzip({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null, out?: Buffer) => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve(out!);
    };
    z.on('data', (c: Buffer) => {
      size += c.length;
      if (size > cap) {
        z.destroy();
        finish(new DecompressedTooLarge(cap));
        return;
      }
      chunks.push(c);
    });
    z.on('end', () => finish(null, Buffer.concat(chunks, size)));
    z.on('error', (err) => finish(err));
    z.end(data);
  });
}
