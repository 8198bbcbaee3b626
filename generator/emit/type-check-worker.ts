// The type-check's thread (see startTypeCheck): loads TypeScript at once, then, once told where the
// output goes, parses the libraries and the runtime's declarations, each file as it is sent, and
// checks them when asked.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { createChecker, type Checker, type CheckMessage } from "./type-check.js";

// Required, not imported: ts-morph is CommonJS, and an import would first scan its 9 MB for exports (0.1 s).
const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
let checker: Checker | undefined;
parentPort!.on("message", (m: CheckMessage) => {
  if (m.kind === "begin") checker = createChecker(tsMorph, m.outDir, m.runtimeImport, { all: m.all });
  else if (m.kind === "add") checker!.add(m.file, m.text, m.descriptors);
  else parentPort!.postMessage(checker!.check());
});
