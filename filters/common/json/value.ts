// A parsed JSON document. Objects keep their keys in document order; duplicate keys are a
// parse error (RFC 8259 leaves them undefined, and a JWT or policy must not have two readings).

export enum JsonKind { Null, Bool, Number, String, Array, Object }

export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  /** A number's text as written (so no f64 → text conversion is needed to show it). Declared
   * here, next to `kind`, and booleans kept in `num`: a value stays 28 bytes (a 48-byte block). */
  numText: string = "";
  /** A number's value; 1 or 0 for a boolean. */
  num: f64 = 0;
  str: string = "";
  // Arrays are made on first use: most values are leaves, and a parsed JWT payload would
  // otherwise allocate two empty arrays for every claim.
  private itemList: JsonValue[] | null = null;
  private keyList: string[] | null = null;

  get items(): JsonValue[] {
    let a = this.itemList;
    if (a === null) { a = new Array<JsonValue>(); this.itemList = a; }
    return a;
  }
  set items(a: JsonValue[]) { this.itemList = a; }

  get keys(): string[] {
    let a = this.keyList;
    if (a === null) { a = new Array<string>(); this.keyList = a; }
    return a;
  }
  set keys(a: string[]) { this.keyList = a; }

  static ofNull(): JsonValue { return new JsonValue(); }
  static ofBool(b: bool): JsonValue { const v = new JsonValue(); v.kind = JsonKind.Bool; v.num = b ? 1 : 0; return v; }
  static ofNumber(n: f64, text: string = ""): JsonValue { const v = new JsonValue(); v.kind = JsonKind.Number; v.num = n; v.numText = text; return v; }
  static ofString(s: string): JsonValue { const v = new JsonValue(); v.kind = JsonKind.String; v.str = s; return v; }

  /** A boolean's value (false for any other kind). */
  get bool(): bool { return this.kind == JsonKind.Bool && this.num != 0; }

  get isNull(): bool { return this.kind == JsonKind.Null; }
  get isBool(): bool { return this.kind == JsonKind.Bool; }
  get isNumber(): bool { return this.kind == JsonKind.Number; }
  get isString(): bool { return this.kind == JsonKind.String; }
  get isArray(): bool { return this.kind == JsonKind.Array; }
  get isObject(): bool { return this.kind == JsonKind.Object; }

  /** Member `key` of an object, or null (also when this is not an object). */
  get(key: string): JsonValue | null {
    const keys = this.keyList;
    if (this.kind != JsonKind.Object || keys === null) return null;
    for (let i = 0; i < keys.length; i++) if (unchecked(keys[i]) == key) return this.items[i];
    return null;
  }

  has(key: string): bool {
    return this.get(key) !== null;
  }

  /** Whether every key of this object is one of `allowed` (to reject unknown config fields). */
  onlyKeys(allowed: string[]): bool {
    for (let i = 0; i < this.keys.length; i++) if (!allowed.includes(this.keys[i])) return false;
    return true;
  }
}
