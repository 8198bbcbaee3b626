// Generated size of the one shared SDK against generating each WSDL on its own (issue 3).
// Usage: npm run size
import path from "node:path";
import { loadConfig } from "../generator/config.js";
import { expandSources, generate } from "../generator/generate.js";

const bytes = (files: Map<string, string>) => [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
// The repository's config: the Services88 WSDLs, its profile and runtime.
const config = loadConfig(undefined);
const sources = expandSources(config.wsdl);

let t = performance.now();
const one = await generate(config, { typeCheck: false });
const oneMs = performance.now() - t;

t = performance.now();
let files = 0;
let separate = 0;
for (const wsdl of sources) {
  const out = await generate(
    { ...config, agents: undefined, wsdl: [wsdl], out: path.join("scratch/size", path.basename(wsdl, ".wsdl")) },
    { typeCheck: false },
  );
  files += out.files.size;
  separate += bytes(out.files);
}
const sepMs = performance.now() - t;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(`WSDLs: ${sources.length}`);
console.log(
  `one SDK, shared types : ${one.files.size} files, ${mb(bytes(one.files))} (${bytes(one.files)} bytes), generated in ${(oneMs / 1000).toFixed(1)} s without type-check`,
);
console.log(`each WSDL separately  : ${files} files, ${mb(separate)} (${separate} bytes), generated in ${(sepMs / 1000).toFixed(1)} s`);
console.log(`shared SDK is ${((bytes(one.files) / separate) * 100).toFixed(1)}% of the separate output`);
