// Kubernetes label selectors.
import type { LabelSelector } from "../resources/index.ts";

export function matchesLabels(labels: Record<string, string>, want: Record<string, string> | undefined): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => labels[k] === v);
}

export function matchesSelector(labels: Record<string, string>, selector: LabelSelector | undefined): boolean {
  if (!selector) return true;
  if (!matchesLabels(labels, selector.matchLabels)) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In": return has && (e.values ?? []).includes(labels[e.key]);
      case "NotIn": return !has || !(e.values ?? []).includes(labels[e.key]);
      case "Exists": return has;
      case "DoesNotExist": return !has;
    }
  });
}
