// Parts that the bootstraps of one run have in common (the mesh's route table, each upstream's
// endpoints and TLS checks, constant settings) are built once and held by reference wherever they
// recur: the emitter then writes each once and the proto gate checks each once. Bootstraps built
// with shared parts must be treated as read-only; bootstrap(plan) without them builds fresh
// objects that callers may change.
import type { EnvoyObject, EnvoyValue } from "./types.ts";

type Part = EnvoyObject | EnvoyValue[];

export class SharedParts {
  /** Every shared object (what the emitter and the proto gate may reuse their work for). */
  readonly objects = new WeakSet<object>();
  private readonly byKey = new Map<string, Part>();
  private readonly byRef = new WeakMap<object, Map<string, Part>>();

  /** The part named `key`, built on first use. */
  part<T extends Part>(key: string, build: () => T): T {
    let part = this.byKey.get(key) as T | undefined;
    if (part === undefined) this.byKey.set(key, part = this.share(build()));
    return part;
  }

  /** The part built from `ref` (plan data all sidecars hold, like the route table), per `key`. */
  partOf<T extends Part>(ref: object, key: string, build: () => T): T {
    let byKey = this.byRef.get(ref);
    if (!byKey) this.byRef.set(ref, byKey = new Map());
    let part = byKey.get(key) as T | undefined;
    if (part === undefined) byKey.set(key, part = this.share(build()));
    return part;
  }

  private share<T extends Part>(part: T): T {
    this.objects.add(part);
    return part;
  }
}

/** `build()` through `parts` when there are any, else fresh. */
export function maybeShared<T extends Part>(parts: SharedParts | undefined, key: string, build: () => T): T {
  return parts ? parts.part(key, build) : build();
}
