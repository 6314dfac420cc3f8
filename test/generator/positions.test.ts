// Field positions: positionOf finds a field by the path joinPath spells, through both YAML readers,
// and falls back to the nearest ancestor that exists (a missing field's parent).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseYamlFile } from "../../generator/resources/parse.ts";
import { joinPath, positionOf } from "../../generator/resources/index.ts";

const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: a
  labels: {"x.y": "1", "0": zero, plain: p}
spec:
  ports:
  - name: http
    port: 80
  - {name: admin, port: 9090}
  "odd key":
    - [1, {deep: true}]
`;

function at(source: Parameters<typeof positionOf>[0], path: string): [number, number] {
  const p = positionOf(source, path);
  return [p.line, p.column];
}

for (const full of [false, true]) {
  test(`positions (${full ? "full parser" : "fast reader"}): every field by its joinPath spelling`, () => {
    const { documents, diagnostics } = parseYamlFile("svc.yaml", TEXT, { full });
    assert.deepEqual(diagnostics, []);
    const source = documents[0].source;
    const labels = joinPath("metadata", "labels");
    const ports = joinPath("spec", "ports");
    const odd = joinPath("spec", "odd key");
    assert.deepEqual(at(source, ""), [1, 1]);
    assert.deepEqual(at(source, "kind"), [2, 1]);
    assert.deepEqual(at(source, "metadata.name"), [4, 3]);
    assert.deepEqual(at(source, joinPath(labels, "x.y")), [5, 12]);
    assert.deepEqual(at(source, joinPath(labels, "0")), [5, 24]);
    assert.deepEqual(at(source, joinPath(labels, "plain")), [5, 35]);
    assert.deepEqual(at(source, joinPath(joinPath(ports, 0), "port")), [9, 5]);
    assert.deepEqual(at(source, joinPath(joinPath(ports, 1), "port")), [10, 19]);
    assert.deepEqual(at(source, odd), [11, 3]);
    assert.deepEqual(at(source, joinPath(joinPath(joinPath(odd, 0), 1), "deep")), [12, 12]);
  });

  test(`positions (${full ? "full parser" : "fast reader"}): a missing field is placed at its nearest existing ancestor`, () => {
    const source = parseYamlFile("svc.yaml", TEXT, { full }).documents[0].source;
    assert.deepEqual(at(source, "spec.ports[1].targetPort"), [10, 5]);
    assert.deepEqual(at(source, "spec.ports[7].name"), [7, 3]);
    assert.deepEqual(at(source, "metadata.labels.x.y"), [5, 3]); // "x.y" is spelled ["x.y"]
    assert.deepEqual(at(source, 'metadata.labels[0]'), [5, 3]); // an index, not the key "0"
    assert.deepEqual(at(source, "status.phase"), [1, 1]);
    assert.equal(positionOf(source, "spec").file, "svc.yaml");
  });
}
