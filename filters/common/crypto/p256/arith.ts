// Jacobian point doubling and addition on P-256 (a = -3): EFD formulas dbl-2001-b, add-2007-bl.
import { fp, Point, X, Y, Z, S, isInfinity } from "./curve";
import { isZero, copyLimbs } from "../bigint/limbs";

// One live buffer holds every temporary (the GC never moves it), addressed by offset.
const base = memory.data(16 * S * 4, 16);
const delta = base, gamma = base + 32, beta = base + 64, alpha = base + 96, u = base + 128;
const z1z1 = base + 160, z2z2 = base + 192, u1 = base + 224, u2 = base + 256, s1 = base + 288;
const s2 = base + 320, h = base + 352, r = base + 384, ii = base + 416, j = base + 448, v = base + 480;

/** out = 2p (out may be p). */
export function pointDouble(out: Point, p: Point): void {
  if (isInfinity(p)) {
    copyLimbs(changetype<usize>(out), changetype<usize>(p), 3 * S);
    return;
  }
  fp.mul(delta, Z(p), Z(p));
  fp.mul(gamma, Y(p), Y(p));
  fp.mul(beta, X(p), gamma);
  fp.sub(u, X(p), delta);
  fp.add(alpha, X(p), delta);
  fp.mul(alpha, alpha, u);
  fp.add(u, alpha, alpha);
  fp.add(alpha, alpha, u); // 3 (X - delta)(X + delta)
  // Z3 = (Y + Z)^2 - gamma - delta (before X, Y are overwritten)
  fp.add(u, Y(p), Z(p));
  fp.mul(u, u, u);
  fp.sub(u, u, gamma);
  fp.sub(Z(out), u, delta);
  // X3 = alpha^2 - 8 beta
  fp.add(beta, beta, beta);
  fp.add(beta, beta, beta); // 4 beta
  fp.mul(u, alpha, alpha);
  fp.sub(u, u, beta);
  fp.sub(X(out), u, beta);
  // Y3 = alpha (4 beta - X3) - 8 gamma^2
  fp.sub(beta, beta, X(out));
  fp.mul(beta, beta, alpha);
  fp.mul(gamma, gamma, gamma);
  fp.add(gamma, gamma, gamma);
  fp.add(gamma, gamma, gamma);
  fp.add(gamma, gamma, gamma);
  fp.sub(Y(out), beta, gamma);
}

/** out = p + q (out may be p or q). */
export function pointAdd(out: Point, p: Point, q: Point): void {
  if (isInfinity(p)) {
    copyLimbs(changetype<usize>(out), changetype<usize>(q), 3 * S);
    return;
  }
  if (isInfinity(q)) {
    copyLimbs(changetype<usize>(out), changetype<usize>(p), 3 * S);
    return;
  }
  fp.mul(z1z1, Z(p), Z(p));
  fp.mul(z2z2, Z(q), Z(q));
  fp.mul(u1, X(p), z2z2);
  fp.mul(u2, X(q), z1z1);
  fp.mul(s1, Y(p), Z(q));
  fp.mul(s1, s1, z2z2);
  fp.mul(s2, Y(q), Z(p));
  fp.mul(s2, s2, z1z1);
  fp.sub(h, u2, u1);
  fp.sub(r, s2, s1);
  if (isZero(h, S)) {
    if (isZero(r, S)) {
      pointDouble(out, p);
    } else {
      memory.fill(changetype<usize>(out), 0, 3 * S * 4); // p = -q
    }
    return;
  }
  fp.add(r, r, r);
  fp.add(ii, h, h);
  fp.mul(ii, ii, ii);
  fp.mul(j, h, ii);
  fp.mul(v, u1, ii);
  // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H, computed first while Z1, Z2 are intact
  fp.add(u, Z(p), Z(q));
  fp.mul(u, u, u);
  fp.sub(u, u, z1z1);
  fp.sub(u, u, z2z2);
  fp.mul(Z(out), u, h);
  // X3 = r^2 - J - 2V
  fp.mul(u, r, r);
  fp.sub(u, u, j);
  fp.sub(u, u, v);
  fp.sub(X(out), u, v);
  // Y3 = r (V - X3) - 2 S1 J
  fp.sub(v, v, X(out));
  fp.mul(v, v, r);
  fp.mul(s1, s1, j);
  fp.add(s1, s1, s1);
  fp.sub(Y(out), v, s1);
}
