/**
 * CSV (RFC 4180) read by a hand-written streaming parser: quoted fields with commas, newlines and
 * doubled quotes, CRLF or LF, bounded field length, row and column counts. Text arrives in chunks
 * (`push`), so a file can be decoded and parsed as it is read. Browser-safe.
 */
import { issue, type KaoheIssue } from "../errors/issue.js";
import { colLetter } from "./cells.js";

/** The reader's bounds; a file beyond any of them is refused with S_LIMIT. */
export interface SheetLimits {
  /** Characters in one cell (Excel's own limit is 32,767). */
  maxField: number;
  /** Data rows of one sheet. */
  maxRows: number;
  /** Columns of one sheet. */
  maxColumns: number;
}

export const DEFAULT_LIMITS: SheetLimits = {
  maxField: 32_767,
  maxRows: 200_000,
  maxColumns: 2_000,
};

/** A problem that stops reading a file: its issue is reported, no row of the file is used. */
export class SheetFailure extends Error {
  readonly issue: KaoheIssue;
  constructor(i: KaoheIssue) {
    super(i.message);
    this.issue = i;
  }
}

enum St {
  Start,
  Plain,
  Quoted,
  QuoteSeen,
}

/**
 * A push parser: feed text with `push`, then call `end`. Each record is passed to `onRow` with its
 * 1-based number (the row Excel shows when it opens the file).
 */
export class CsvParser {
  private st = St.Start;
  private field = "";
  private fields: string[] = [];
  private rows = 0;
  private skipLf = false;
  private any = false;
  constructor(
    private readonly onRow: (cells: string[], row: number) => void,
    private readonly limits: SheetLimits = DEFAULT_LIMITS,
  ) {}

  private fail(code: "S_FORMAT" | "S_LIMIT", detail: string, limit?: number): never {
    const cell = `${colLetter(this.fields.length)}${this.rows + 1}`;
    const i =
      code === "S_LIMIT"
        ? issue("S_LIMIT", [], { what: detail, limit: limit as number })
        : issue("S_FORMAT", [], { detail });
    throw new SheetFailure({ ...i, cell });
  }

  private add(s: string): void {
    this.field += s;
    if (this.field.length > this.limits.maxField)
      this.fail("S_LIMIT", "一个单元格的字符数", this.limits.maxField);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    if (this.fields.length > this.limits.maxColumns)
      this.fail("S_LIMIT", "列数", this.limits.maxColumns);
  }

  /**
   * Ends a row at a line break `c` read just before `i`; a CR followed by LF is one break, also
   * when the LF opens the next chunk. Returns where reading goes on.
   */
  private lineEnd(t: string, i: number, c: number): number {
    this.endRow();
    this.st = St.Start;
    if (c !== 0x0d) return i;
    if (i >= t.length) {
      this.skipLf = true;
      return i;
    }
    return t.charCodeAt(i) === 0x0a ? i + 1 : i;
  }

  private endRow(): void {
    this.endField();
    this.rows++;
    // The header is row 1, so data rows are one fewer than the records.
    if (this.rows > this.limits.maxRows + 1) this.fail("S_LIMIT", "行数", this.limits.maxRows);
    const f = this.fields;
    this.fields = [];
    this.any = false;
    this.onRow(f, this.rows);
  }

  push(t: string): void {
    const n = t.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (t.charCodeAt(0) === 0x0a) i = 1;
    }
    while (i < n) {
      switch (this.st) {
        case St.Start: {
          this.any = true;
          if (t.charCodeAt(i) === 0x22) {
            this.st = St.Quoted;
            i++;
            break;
          }
          this.st = St.Plain;
          break;
        }
        case St.Plain: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = t.charCodeAt(j);
            if (c === 0x2c || c === 0x0a || c === 0x0d) break;
            j++;
          }
          if (j > i) this.add(t.slice(i, j));
          if (j >= n) {
            i = n;
            break;
          }
          i = j + 1;
          if (c === 0x2c) {
            this.endField();
            this.st = St.Start;
          } else i = this.lineEnd(t, i, c);
          break;
        }
        case St.Quoted: {
          const q = t.indexOf('"', i);
          if (q < 0) {
            this.add(t.slice(i));
            i = n;
            break;
          }
          if (q > i) this.add(t.slice(i, q));
          i = q + 1;
          this.st = St.QuoteSeen;
          break;
        }
        case St.QuoteSeen: {
          const c = t.charCodeAt(i);
          if (c === 0x22) {
            this.add('"');
            i++;
            this.st = St.Quoted;
          } else if (c === 0x2c) {
            i++;
            this.endField();
            this.st = St.Start;
          } else if (c === 0x0a || c === 0x0d) i = this.lineEnd(t, i + 1, c);
          else
            this.fail(
              "S_FORMAT",
              `引号闭合后紧跟着其他文字(${JSON.stringify(t.slice(i, i + 10))});字段中的引号要写成两个 ""`,
            );
          break;
        }
      }
    }
  }

  /** Ends the text: the last record (without a newline) is passed on; an open quote is refused. */
  end(): void {
    if (this.st === St.Quoted)
      this.fail("S_FORMAT", "引号没有闭合(从这里开始的字段一直到文件结尾)");
    if (this.any || this.fields.length || this.field) this.endRow();
  }
}

/** Parses a whole CSV text into its records (each with its row number). Throws SheetFailure. */
export function parseCsv(
  text: string,
  limits: SheetLimits = DEFAULT_LIMITS,
): { row: number; cells: string[] }[] {
  const rows: { row: number; cells: string[] }[] = [];
  const p = new CsvParser((cells, row) => rows.push({ row, cells }), limits);
  p.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  p.end();
  return rows;
}

/**
 * Decodes CSV bytes as they arrive: the encoding is sniffed from the first chunk(s) — a BOM, else
 * UTF-8 if the first 64 KiB are valid UTF-8, else GB18030 (GBK) — and the rest is decoded with
 * `TextDecoder` in streaming mode, so a character split between chunks is kept whole. Bytes that
 * turn out invalid later are refused (E_ENCODING), never replaced.
 */
export class CsvByteDecoder {
  private pending: Uint8Array[] = [];
  private size = 0;
  private decoder: InstanceType<typeof TextDecoder> | null = null;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | null = null;
  static readonly SNIFF = 64 * 1024;

  /** Text decoded so far from this chunk ("" while still sniffing). */
  push(bytes: Uint8Array): string {
    if (this.decoder) return this.decode(bytes, true);
    this.pending.push(bytes);
    this.size += bytes.length;
    return this.size >= CsvByteDecoder.SNIFF ? this.start(false) : "";
  }

  /** The rest of the text. */
  end(): string {
    const head = this.decoder ? "" : this.start(true);
    return head + this.decode(new Uint8Array(0), false);
  }

  private start(last: boolean): string {
    const all = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.pending) {
      all.set(p, o);
      o += p.length;
    }
    this.pending = [];
    let body = all;
    if (all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf) {
      this.encoding = "utf-8";
      body = all.subarray(3);
    } else if (all[0] === 0xff && all[1] === 0xfe) {
      this.encoding = "utf-16le";
      body = all.subarray(2);
    } else if (all[0] === 0xfe && all[1] === 0xff) {
      this.encoding = "utf-16be";
      body = all.subarray(2);
    } else {
      let utf8 = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(all, { stream: !last });
      } catch {
        utf8 = false;
      }
      this.encoding = utf8 ? "utf-8" : "gb18030";
    }
    this.decoder = new TextDecoder(this.encoding, { fatal: true, ignoreBOM: true });
    return this.decode(body, !last) + (last ? this.decode(new Uint8Array(0), false) : "");
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      const t = (this.decoder as InstanceType<typeof TextDecoder>).decode(bytes, { stream });
      if (t.includes("\u0000"))
        throw new SheetFailure(issue("E_ENCODING", [], { detail: "文件含有空字符,不是文本文件" }));
      return t;
    } catch (e) {
      if (e instanceof SheetFailure) throw e;
      throw new SheetFailure(
        issue("E_ENCODING", [], {
          detail:
            this.encoding === "gb18030"
              ? "既不是 UTF-8 也不是 GBK/GB18030;请用 UTF-8 另存"
              : `文件前面是 ${this.encoding},后面却有不是 ${this.encoding} 的字节;请用 UTF-8 另存`,
        }),
      );
    }
  }
}

/**
 * The rows of CSV bytes given in chunks, parsed as the chunks come: the encoding is sniffed from
 * the first 64 KiB (CsvByteDecoder) and no more than one chunk's rows are held at a time. Throws
 * SheetFailure (S_LIMIT, S_FORMAT, E_ENCODING) where the bytes stop making sense.
 */
export function* csvRowsOf(
  chunks: Iterable<Uint8Array>,
  limits: SheetLimits = DEFAULT_LIMITS,
): Generator<{ row: number; cells: string[] }> {
  const pending: { row: number; cells: string[] }[] = [];
  const dec = new CsvByteDecoder();
  const p = new CsvParser((cells, row) => pending.push({ row, cells }), limits);
  let first = true;
  const feed = (t: string) => {
    if (first && t.length) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    if (t) p.push(t);
  };
  for (const c of chunks) {
    feed(dec.push(c));
    yield* pending;
    pending.length = 0;
  }
  feed(dec.end());
  p.end();
  yield* pending;
}
