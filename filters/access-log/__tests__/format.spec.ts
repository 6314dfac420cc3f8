import { ByteWriter } from "../format/writer";
import { writeEscaped, escapeWritten } from "../format/escape";
import { writeTimestamp } from "../format/time";
import { writeResponseFlags } from "../format/flags";
import { parseTemplate, SegmentKind, ISTIO_TEMPLATE } from "../format/template";
import { F } from "../record/fields";

function bytes(values: u8[]): ArrayBuffer {
  const b = new ArrayBuffer(values.length);
  for (let i = 0; i < values.length; i++) store<u8>(changetype<usize>(b) + i, values[i]);
  return b;
}

function escaped(b: ArrayBuffer): string {
  const w = new ByteWriter(4);
  writeEscaped(w, changetype<usize>(b), b.byteLength);
  return String.UTF8.decode(w.take());
}

function escapedText(s: string): string {
  return escaped(String.UTF8.encode(s));
}

describe("JSON escaping", () => {
  it("escapes quotes, backslashes and every control character", () => {
    expect(escapedText('a"b\\c')).toBe('a\\"b\\\\c');
    expect(escapedText("x\r\ny\tz")).toBe("x\\r\\ny\\tz");
    expect(escaped(bytes([0x00, 0x01, 0x1f, 0x7f]))).toBe("\\u0000\\u0001\\u001f\\u007f");
  });

  it("cannot be used to close a field and add another", () => {
    const attack = '","admin":true,"x":"';
    const out = '{"v":"' + escapedText(attack) + '"}';
    expect(out).toBe('{"v":"\\",\\"admin\\":true,\\"x\\":\\""}');
  });

  it("keeps well-formed UTF-8 and replaces every malformed byte with U+FFFD", () => {
    expect(escapedText("é😀")).toBe("é😀");
    expect(escaped(bytes([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
    expect(escaped(bytes([0xc0, 0xaf]))).toBe("\uFFFD\uFFFD");             // overlong '/'
    expect(escaped(bytes([0xe0, 0x80, 0xaf]))).toBe("\uFFFD\uFFFD\uFFFD"); // overlong
    expect(escaped(bytes([0xed, 0xa0, 0x80]))).toBe("\uFFFD\uFFFD\uFFFD"); // surrogate
    expect(escaped(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe("\uFFFD\uFFFD\uFFFD\uFFFD"); // > U+10FFFF
    expect(escaped(bytes([0xe2, 0x82]))).toBe("\uFFFD\uFFFD");             // truncated
    expect(escaped(bytes([0xc3, 0x22]))).toBe('\uFFFD\\"');                // a quote is never swallowed
  });
});

describe("JSON escaping of long values (eight bytes at a time)", () => {
  it("finds a byte that needs work at any position of a word", () => {
    for (let at = 0; at < 24; at++) {
      const plain = "abcdefghijklmnopqrstuvwx";
      expect(escapedText(plain.substring(0, at) + '"' + plain.substring(at))).toBe(plain.substring(0, at) + '\\"' + plain.substring(at));
      expect(escapedText(plain.substring(0, at) + "\n" + plain.substring(at))).toBe(plain.substring(0, at) + "\\n" + plain.substring(at));
      expect(escapedText(plain.substring(0, at) + "é" + plain.substring(at))).toBe(plain.substring(0, at) + "é" + plain.substring(at));
      expect(escapedText(plain.substring(0, at) + "\\" + plain.substring(at))).toBe(plain.substring(0, at) + "\\\\" + plain.substring(at));
      expect(escapedText(plain.substring(0, at) + "\x7f" + plain.substring(at))).toBe(plain.substring(0, at) + "\\u007f" + plain.substring(at));
    }
  });

  it("passes long plain ASCII through unchanged", () => {
    const s = "GET /api/items/42?page=2 HTTP/1.1 ~ {} [] <> 0123456789 ".repeat(20);
    expect(escapedText(s)).toBe(s);
  });
  it("escapes a value in place after what precedes it, exactly as writeEscaped does", () => {
    const values = ['plain value', 'a"b', "line\nbreak", "é😀", "x".repeat(17) + "\\", "tab\tand\x7f"];
    const w = new ByteWriter(4), scratch = new ByteWriter(4);
    for (let i = 0; i < values.length; i++) {
      w.reset();
      w.bytes(String.UTF8.encode('{"k":"'));
      const from = w.len;
      w.bytes(String.UTF8.encode(values[i]));
      escapeWritten(w, scratch, from);
      expect(String.UTF8.decode(w.take())).toBe('{"k":"' + escapedText(values[i]));
    }
    w.reset();
    w.raw(changetype<usize>(bytes([0x61, 0xff])), 2);
    escapeWritten(w, scratch, 1);
    expect(String.UTF8.decode(w.take())).toBe("a\uFFFD");
  });

  it("escapes in place a byte that needs work at any position of a value of any length", () => {
    const specials = ['"', "\\", "\n", "\x01", "\x7f", "é"];
    const plain = "abcdefghijklmnopqrstuvwx";
    const w = new ByteWriter(4), scratch = new ByteWriter(4);
    for (let len = 1; len <= 24; len++) {
      for (let at = 0; at < len; at++) {
        for (let k = 0; k < specials.length; k++) {
          const value = plain.substring(0, at) + specials[k] + plain.substring(at + 1, len);
          w.reset();
          w.bytes(String.UTF8.encode('"'));
          w.bytes(String.UTF8.encode(value));
          escapeWritten(w, scratch, 1);
          expect(String.UTF8.decode(w.take())).toBe('"' + escapedText(value));
        }
      }
    }
  });
});

describe("timestamps and flags", () => {
  it("formats Unix nanoseconds like Envoy's %START_TIME%", () => {
    const w = new ByteWriter(8);
    writeTimestamp(w, 1795589519506290000);
    expect(String.UTF8.decode(w.take())).toBe("2026-11-25T06:51:59.506Z");
    w.reset();
    writeTimestamp(w, 951782400000000000); // 2000-02-29
    expect(String.UTF8.decode(w.take())).toBe("2000-02-29T00:00:00.000Z");
    w.reset();
    writeTimestamp(w, 0);
    expect(String.UTF8.decode(w.take())).toBe("1970-01-01T00:00:00.000Z");
  });

  it("prints response flags as Envoy's short names", () => {
    const w = new ByteWriter(8);
    writeResponseFlags(w, 0);
    expect(String.UTF8.decode(w.take())).toBe("-");
    w.reset();
    writeResponseFlags(w, (1 << 1) | (1 << 5) | (1 << 15));
    expect(String.UTF8.decode(w.take())).toBe("UH,UF,URX");
  });
});

describe("templates", () => {
  it("parses operators, header arguments, alternatives and length limits", () => {
    const t = parseTemplate('[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH):10%" %RESPONSE_CODE%')!;
    expect(t.length).toBe(8);
    expect(t[0].kind).toBe(SegmentKind.Literal);
    expect(t[1].field).toBe(F.StartTime);
    expect(t[3].kind).toBe(SegmentKind.RequestHeader);
    expect(String.UTF8.decode(t[3].bytes)).toBe(":method");
    expect(String.UTF8.decode(t[5].bytes)).toBe("x-envoy-original-path");
    expect(String.UTF8.decode(t[5].alternative!)).toBe(":path");
    expect(t[5].maxLength).toBe(10);
    expect(t[7].field).toBe(F.ResponseCode);
  });

  it("accepts Istio's default line", () => {
    expect(parseTemplate(ISTIO_TEMPLATE)).not.toBeNull();
  });

  it("rejects unknown operators and malformed templates", () => {
    expect(parseTemplate("%NOPE%")).toBeNull();
    expect(parseTemplate("%START_TIME(%s)%")).toBeNull();
    expect(parseTemplate("%REQ%")).toBeNull();
    expect(parseTemplate("%REQ(a b)%")).toBeNull();
    expect(parseTemplate("%RESPONSE_CODE")).toBeNull();
    expect(parseTemplate("100%")).toBeNull();
    expect(parseTemplate("%DURATION:x%")).toBeNull();
  });
});
