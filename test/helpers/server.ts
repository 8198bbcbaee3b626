import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A plain HTTP server on 127.0.0.1 (random port) that tracks its sockets. */
export async function listen(handler: http.RequestListener = (_q, s) => s.end()) {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let closedSockets = 0;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => {
      sockets.delete(s);
      closedSockets++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    openSockets: () => sockets.size,
    closedSockets: () => closedSockets,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
