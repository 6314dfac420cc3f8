import { SamplingPolicy, RecordFilter, keep, isError, sampleBucket } from "../sample/sampler";
import { encodePairs } from "../../common/headers/pairs";
import { HeaderIndex } from "../record/header-index";

function id(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

function keepId(p: SamplingPolicy, code: i64, flags: u64, dur: i64, rid: ArrayBuffer, fallback: u32): bool {
  return keep(p, code, flags, dur, changetype<usize>(rid), rid.byteLength, fallback);
}

describe("sampling", () => {
  it("is deterministic by request id and close to the configured share", () => {
    const p = new SamplingPolicy(2500, false, -1);
    let kept = 0;
    for (let i = 0; i < 4000; i++) {
      const rid = id("req-" + i.toString());
      const first = keepId(p, 200, 0, 1000, rid, 0);
      expect(keepId(p, 200, 0, 1000, rid, 7)).toBe(first);
      if (first) kept++;
    }
    expect(kept).toBeGreaterThan(850);
    expect(kept).toBeLessThan(1150);
  });

  it("keeps everything at 100% and nothing ordinary at 0%", () => {
    expect(keepId(new SamplingPolicy(10000, false, -1), 200, 0, 0, id("a"), 0)).toBe(true);
    const none = new SamplingPolicy(0, false, -1);
    for (let i = 0; i < 100; i++) expect(keepId(none, 200, 0, 0, id(i.toString()), 0)).toBe(false);
  });

  it("always keeps errors and slow requests when configured", () => {
    const p = new SamplingPolicy(0, true, 500_000_000);
    expect(keepId(p, 503, 0, 0, id("a"), 0)).toBe(true);
    expect(keepId(p, 0, 0, 0, id("a"), 0)).toBe(true);           // no response at all
    expect(keepId(p, 200, 1 << 5, 0, id("a"), 0)).toBe(true);    // UF
    expect(keepId(p, 200, 1 << 9, 0, id("a"), 0)).toBe(false);   // DI is not a failure
    expect(keepId(p, 404, 0, 0, id("a"), 0)).toBe(false);
    expect(keepId(p, 200, 0, 500_000_000, id("a"), 0)).toBe(true);
    expect(keepId(new SamplingPolicy(0, false, -1), 503, 0, 0, id("a"), 0)).toBe(false);
  });

  it("buckets with FNV-1a", () => {
    // FNV-1a 32 of "" is 0x811c9dc5 = 2166136261
    expect(sampleBucket(0, 0)).toBe(<u32>(2166136261 % 10000));
    expect(isError(500, 0)).toBe(true);
    expect(isError(499, 0)).toBe(false);
  });
});

describe("record filters", () => {
  it("requires status, duration and headers to match", () => {
    const f = new RecordFilter(400, 599, 1_000_000, [id("x-debug")]);
    const withHeader = new HeaderIndex();
    withHeader.fromBytes(encodePairs([id("x-debug")], [id("1")]));
    expect(f.matches(404, 2_000_000, withHeader)).toBe(true);
    expect(f.matches(200, 2_000_000, withHeader)).toBe(false);
    expect(f.matches(404, 10, withHeader)).toBe(false);
    expect(f.matches(404, 2_000_000, new HeaderIndex())).toBe(false);
  });
});
