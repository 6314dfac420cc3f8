// The pieces an output's text was emitted in (emitYamlPieces), kept beside the output for the
// proto gate (which reads each shared piece once) without becoming part of the output's data.
const byOutput = new WeakMap<object, string[]>();

/** `output`, remembered as emitted in `pieces` (which must join to its text). */
export function withPieces<T extends { text: string }>(output: T, pieces: string[]): T {
  byOutput.set(output, pieces);
  return output;
}

export function piecesOf(output: { text: string }): string[] | undefined {
  return byOutput.get(output);
}
