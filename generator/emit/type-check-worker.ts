// The type-check's thread (see startTypeCheck): loads TypeScript and parses the libraries and the
// runtime's declarations at once, then checks each set of files it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { createChecker } from "./type-check.js";

const { outDir, runtimeImport } = workerData as { outDir: string; runtimeImport: string };
const checker = createChecker(await import("ts-morph"), outDir, runtimeImport);
parentPort!.on("message", (files: [string, string][]) => parentPort!.postMessage(checker.check(new Map(files))));
