import { parseJson } from "../json/parse";
import { decodeDfa, Dfa } from "../match/dfa";
import { DFA_FIXTURES } from "../../../test/route-match/dfa-fixtures";

function dfaOf(json: string): Dfa | null {
  const v = parseJson(String.UTF8.encode(json));
  return v === null ? null : decodeDfa(v);
}

function run(d: Dfa, input: string): bool {
  const b = String.UTF8.encode(input);
  return d.matches(changetype<usize>(b), b.byteLength);
}

function classes(fill: string): string {
  const parts = new Array<string>();
  for (let i = 0; i < 256; i++) parts.push(i == 97 ? "1" : fill);
  return "[" + parts.join(",") + "]";
}

describe("Dfa", () => {
  it("gives compileRegex's verdicts on every fixture", () => {
    for (let i = 0; i < DFA_FIXTURES.length; i++) {
      const row = DFA_FIXTURES[i];
      const d = dfaOf(row[1]);
      expect(d).not.toBeNull(row[0]);
      for (let k = 2; k + 1 < row.length; k += 2) {
        expect(run(d!, row[k])).toBe(row[k + 1] == "1", row[0] + " on " + row[k]);
      }
    }
  });

  it("decodes a hand-written table: a+", () => {
    // class 0: every byte but 'a'; class 1: 'a'. State 0 --a--> 1, 1 --a--> 1.
    const d = dfaOf('{"source":"a+","classCount":2,"classes":' + classes("0") + ',"transitions":[-1,1,-1,1],"accepting":[1]}')!;
    expect(run(d, "a")).toBe(true);
    expect(run(d, "aaa")).toBe(true);
    expect(run(d, "")).toBe(false);
    expect(run(d, "ab")).toBe(false);
  });

  it("refuses malformed tables", () => {
    const ok = '{"source":"a+","classCount":2,"classes":' + classes("0") + ',"transitions":[-1,1,-1,1],"accepting":[1]}';
    expect(dfaOf(ok)).not.toBeNull();
    expect(dfaOf(ok.replace('"classCount":2', '"classCount":3'))).toBeNull(); // 4 cells, not a multiple of 3
    expect(dfaOf(ok.replace('"transitions":[-1,1,-1,1]', '"transitions":[-1,2,-1,1]'))).toBeNull(); // no state 2
    expect(dfaOf(ok.replace('"transitions":[-1,1,-1,1]', '"transitions":[-2,1,-1,1]'))).toBeNull();
    expect(dfaOf(ok.replace('"accepting":[1]', '"accepting":[2]'))).toBeNull();
    expect(dfaOf(ok.replace('"accepting":[1]', '"accepting":[0.5]'))).toBeNull();
    expect(dfaOf('{"source":"a+","classCount":2,"classes":' + classes("2") + ',"transitions":[-1,1,-1,1],"accepting":[1]}')).toBeNull();
    expect(dfaOf('{"source":"a+","classCount":2,"classes":[0,1],"transitions":[-1,1,-1,1],"accepting":[1]}')).toBeNull();
    expect(dfaOf(ok.replace('"accepting":[1]', '"accepting":[1],"extra":1'))).toBeNull();
    expect(dfaOf(ok.replace('"source":"a+",', ""))).toBeNull();
  });
});
