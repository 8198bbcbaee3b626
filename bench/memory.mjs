// Peak RSS while decoding one large response, in a fresh process. argv: ours|soap, the response
// file, the User.wsdl path. Prints the peak RSS, the RSS just before decoding (library loaded,
// response read) in bytes, the number of users decoded, and the heap the result retains.
import { readFileSync } from "node:fs";
const [which, file, wsdl] = process.argv.slice(2);
const xml = readFileSync(file, "utf8");
let decode;
if (which === "ours") {
  const { decodeEnvelope } = await import("../runtime/dist/decode.js");
  const { UserOperations } = await import("../generated/dist/services88/user.js");
  const { types } = await import("../generated/dist/services88/schema.js");
  decode = () => decodeEnvelope(xml, UserOperations.GetUserFromPersonId, types).body.Response;
} else {
  const soap = (await import("soap")).default;
  const client = await soap.createClientAsync(wsdl);
  decode = () => client.wsdl.xmlToObject(xml).Body.GetUserFromPersonIdResponse.Response.User;
}
// Peak RSS of this process. ru_maxrss (process.resourceUsage) survives exec on Linux, so a child
// of a big parent would report the parent's peak; VmHWM belongs to this address space alone.
const peak = () => {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
};
// Heap kept by the decoded result: after a full GC, minus the same before decoding (run with
// --expose-gc; 0 without it).
const heap = () => (globalThis.gc ? (globalThis.gc(), process.memoryUsage().heapUsed) : 0);
const before = process.memoryUsage().rss;
const heapBefore = heap();
const result = decode();
const retained = heap() - heapBefore;
process.stdout.write(`${peak()} ${before} ${result.length} ${retained}\n`);
