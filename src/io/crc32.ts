// CRC-32 (IEEE 802.3, the zlib/PNG polynomial 0xEDB88320), used to detect corrupted weight files.

let table: Uint32Array | null = null;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/**
 * The CRC-32 checksum of `bytes` as an unsigned 32-bit integer; pass the checksum of the bytes
 * before as `previous` to continue it over data read in parts.
 * @example crc32(new TextEncoder().encode('123456789'))  //=> 0xcbf43926
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = (table ??= makeTable());
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
