// Token minting for the JWT tests: fresh keys per algorithm (jose), tokens signed by jose, and
// hand-built tokens (raw header/payload text) for the attack inputs jose refuses to produce.
import { generateKeyPair, exportJWK, SignJWT, type JWK, type CryptoKey } from "jose";
import { createHmac, createPrivateKey, randomBytes, sign as nodeSign, type KeyObject } from "node:crypto";

export type Alg = "RS256" | "ES256" | "EdDSA" | "HS256";

export interface TestKey {
  alg: Alg;
  kid: string;
  /** What the filter's JWKS gets (public part, or the oct key). */
  jwk: JWK;
  signKey: CryptoKey | Uint8Array;
  /** Signs raw bytes as this algorithm (for hand-built tokens). */
  signRaw(input: Buffer): Buffer;
}

export const b64u = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export async function makeKey(alg: Alg, kid: string): Promise<TestKey> {
  if (alg === "HS256") {
    const secret = randomBytes(32);
    return {
      alg, kid, jwk: { kty: "oct", k: b64u(secret), kid, alg },
      signKey: new Uint8Array(secret),
      signRaw: (input) => createHmac("sha256", secret).update(input).digest(),
    };
  }
  const { publicKey, privateKey } = await generateKeyPair(alg, alg === "EdDSA" ? { crv: "Ed25519", extractable: true } : { extractable: true });
  const pub = await exportJWK(publicKey);
  const priv = createPrivateKey({ key: (await exportJWK(privateKey)) as any, format: "jwk" });
  return {
    alg, kid, jwk: { ...pub, kid, alg, use: "sig" }, signKey: privateKey,
    signRaw: (input) => rawSign(alg, priv, input),
  };
}

function rawSign(alg: Alg, key: KeyObject, input: Buffer): Buffer {
  if (alg === "RS256") return nodeSign("sha256", input, key);
  if (alg === "ES256") return nodeSign("sha256", input, { key, dsaEncoding: "ieee-p1363" });
  return nodeSign(null, input, key);
}

export const now = () => Math.floor(Date.now() / 1000);

/** A token jose signs with `key`; `header` adds protected-header members. */
export async function mint(key: TestKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims as any)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header } as any)
    .sign(key.signKey as any);
}

/** A token from raw header and payload text, signed by `key` (or with the given signature). */
export function craft(headerText: string | Buffer, payloadText: string | Buffer, key: TestKey | null, signature?: string): string {
  const input = `${b64u(headerText)}.${b64u(payloadText)}`;
  const sig = signature ?? (key ? b64u(key.signRaw(Buffer.from(input))) : "");
  return `${input}.${sig}`;
}

export function standardClaims(iss: string, sub: string, aud: string | string[], extra: Record<string, unknown> = {}) {
  const t = now();
  return { iss, sub, aud, iat: t, exp: t + 600, ...extra };
}
