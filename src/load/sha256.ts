/*
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, synchronous and browser-safe: the digest of a
 * sealed rule set (src/load/seal.ts). Written here rather than taken from WebCrypto, whose digest
 * is asynchronous and missing outside secure contexts, or from node:crypto, which the browser
 * core may not import. Checked against node:crypto on random text in sha256.test.ts.
 */

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Uint32Array(64);
/** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = new Uint32Array(8);

/**
 * The first 32 bits of the fractional part of the `n`th root of a prime: the float root gives a
 * candidate, and exact integer arithmetic moves it to the largest r with r^n ≤ p·2^(32n), so no
 * engine's rounding of Math.sqrt or Math.cbrt can change a constant.
 */
function rootBits(p: number, n: 2 | 3): number {
  const target = BigInt(p) << BigInt(32 * n);
  const pow = (r: bigint) => (n === 2 ? r * r : r * r * r);
  let r = BigInt(Math.floor((n === 2 ? Math.sqrt(p) : Math.cbrt(p)) * 0x100000000));
  while (pow(r) > target) r--;
  while (pow(r + 1n) <= target) r++;
  return Number(r & 0xffffffffn);
}

{
  let n = 0;
  for (let p = 2; n < 64; p++) {
    let prime = true;
    for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
    if (!prime) continue;
    if (n < 8) H0[n] = rootBits(p, 2);
    K[n++] = rootBits(p, 3);
  }
}

/**
 * The message block by block: the UTF-8 bytes of a string (a lone surrogate as U+FFFD, as
 * TextEncoder writes it), then a 1 bit, zeros and the length in bits, a multiple of 64 bytes.
 */
function padded(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length * 3 + 72);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
    } else {
      bytes[n++] = 0xf0 | (c >> 18);
      bytes[n++] = 0x80 | ((c >> 12) & 63);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
    }
    bytes[n++] = 0x80 | (c & 63);
  }
  const length = n;
  bytes[n++] = 0x80;
  const end = Math.ceil((length + 9) / 64) * 64;
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  for (let k = 0; k < 4; k++) {
    bytes[end - 8 + k] = (high >>> (24 - 8 * k)) & 0xff;
    bytes[end - 4 + k] = (bits >>> (24 - 8 * k)) & 0xff;
  }
  // Bytes between the 0x80 and the length are zero: the array was allocated zeroed.
  return bytes.subarray(0, end);
}

/** The SHA-256 digest of the UTF-8 bytes of `text`, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  const m = padded(text);
  const blocks = m.length / 64;
  // Words as signed 32-bit integers (`| 0`), which the engine keeps unboxed; unsigned at the end.
  const h = Int32Array.from(H0);
  const w = new Int32Array(64);
  const k = Int32Array.from(K);
  for (let b = 0; b < blocks; b++) {
    for (let t = 0, o = b * 64; t < 16; t++, o += 4)
      w[t] =
        ((m[o] as number) << 24) |
        ((m[o + 1] as number) << 16) |
        ((m[o + 2] as number) << 8) |
        (m[o + 3] as number);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let bb = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (k[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + S0 + maj) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + bb) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
  let hex = "";
  for (const x of h) hex += (x >>> 0).toString(16).padStart(8, "0");
  return hex;
}
