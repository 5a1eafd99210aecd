import { issue, type KaoheIssue } from "../errors/issue.js";

/** The encodings kaohe reads text files in. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/**
 * Decodes the bytes of a rule, facts or cases file. UTF-8 (with or without a BOM) and UTF-16
 * with a BOM are read as such; bytes that are not valid UTF-8 are read as GB18030, the superset
 * of GBK that Excel and WPS write when they save "ANSI" text on a Chinese system. Bytes that are
 * neither are refused: a garbled unit id would silently merge or split units.
 *
 * Browser-safe: it uses only `TextDecoder`.
 *
 * @example
 * decodeText(new Uint8Array([0xce, 0xe4, 0xba, 0xba])) //=> { text: "武汉", encoding: "gb18030" }
 */
export function decodeText(
  bytes: Uint8Array,
): { text: string; encoding: TextEncodingName; issue?: undefined } | { issue: KaoheIssue } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding: TextEncodingName;
  let body = bytes;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
    body = bytes.subarray(3);
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = "utf-16le";
    body = bytes.subarray(2);
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = "utf-16be";
    body = bytes.subarray(2);
  } else encoding = "utf-8";
  let text = tryDecode(encoding, body);
  if (text === null && encoding === "utf-8" && body === bytes) {
    // Not UTF-8: the one other encoding office software writes Chinese text in.
    encoding = "gb18030";
    text = tryDecode("gb18030", body);
  }
  if (text === null)
    return {
      issue: issue("E_ENCODING", [], {
        detail:
          encoding === "gb18030"
            ? "既不是 UTF-8 也不是 GBK/GB18030;请用 UTF-8 另存"
            : `文件开头标明 ${encoding},内容却不是 ${encoding}`,
      }),
    };
  if (text.includes("\u0000"))
    return {
      issue: issue("E_ENCODING", [], {
        detail: "文件含有空字符,不是文本文件",
      }),
    };
  return { text, encoding };
}

function tryDecode(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
