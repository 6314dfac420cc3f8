// A JWK Set must hold keys the auth-policy filter can verify with; the filter refuses the whole
// configuration otherwise, so the generator says which key is wrong first. The filter's rules:
// RSA (RS256, ≥ 2048 bits), EC P-256 (ES256), OKP Ed25519 (EdDSA), oct ≥ 256 bits (HS256);
// `use` absent or "sig"; at most 64 keys.
const ALG: Record<string, string> = { RSA: "RS256", EC: "ES256", OKP: "EdDSA", oct: "HS256" };

function base64urlBytes(s: unknown): number {
  return typeof s === "string" && /^[A-Za-z0-9_-]*$/.test(s) ? Math.floor((s.length * 6) / 8) : -1;
}

/** Problems as [path suffix, message]; empty when the set is usable. */
export function checkJwks(jwks: { keys?: unknown }): [string, string][] {
  const keys = jwks.keys;
  if (!Array.isArray(keys) || keys.length === 0) return [["keys", "the key set is empty; expected at least one key to verify tokens with"]];
  if (keys.length > 64) return [["keys", `${keys.length} keys; expected at most 64`]];
  const out: [string, string][] = [];
  keys.forEach((k: Record<string, unknown>, i) => {
    const at = `keys[${i}]`;
    const kty = String(k?.kty);
    if (!(kty in ALG)) { out.push([at, `kty ${JSON.stringify(k?.kty)}; expected one of RSA, EC, OKP, oct`]); return; }
    if (k.use !== undefined && k.use !== "sig") out.push([`${at}.use`, `use ${JSON.stringify(k.use)}; expected "sig" or no use`]);
    if (k.alg !== undefined && k.alg !== ALG[kty]) out.push([`${at}.alg`, `alg ${JSON.stringify(k.alg)} for a ${kty} key; expected ${ALG[kty]}`]);
    if (kty === "oct" && base64urlBytes(k.k) < 32) out.push([`${at}.k`, "an HS256 key needs at least 256 bits (43 base64url characters)"]);
    if (kty === "EC" && k.crv !== "P-256") out.push([`${at}.crv`, `crv ${JSON.stringify(k.crv)}; expected P-256`]);
    if (kty === "OKP" && k.crv !== "Ed25519") out.push([`${at}.crv`, `crv ${JSON.stringify(k.crv)}; expected Ed25519`]);
    if (kty === "RSA" && base64urlBytes(k.n) < 256) out.push([`${at}.n`, "an RSA key needs a modulus of at least 2048 bits"]);
    if (kty !== "oct" && ["d", "p", "q", "dp", "dq", "qi"].some((m) => m in k)) out.push([at, "the key carries private members; expected a public key only"]);
  });
  return out;
}
