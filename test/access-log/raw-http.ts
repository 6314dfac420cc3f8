// Sends raw bytes as an HTTP/1.1 request (fetch refuses header values with CR, LF or control
// characters, which is exactly what the injection tests need to send).
import { connect } from "node:net";

/** Writes `request` to 127.0.0.1:port and resolves with the status code (0 if none). */
export function rawRequest(port: number, request: Buffer | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (d) => (response += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)));
    socket.write(typeof request === "string" ? Buffer.from(request, "latin1") : request);
    setTimeout(() => socket.end(), 300);
  });
}
