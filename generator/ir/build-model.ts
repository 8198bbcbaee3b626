import { GeneratorError, Notice, Rescue } from "../diagnostics.js";
import { nameAnonymousTypes } from "./anonymous-types.js";
import { checkDerivation } from "./derivation.js";
import { lowerIdioms } from "./idioms.js";
import { dropUnresolved } from "./lenient.js";
import { messageStyles } from "./messages.js";
import type { Model, ReadModel, TypeDef } from "./model.js";
import { pruneUnreached } from "./prune.js";
import { inlineWrapperTypes } from "./wrapper-types.js";
import type { WsdlContents } from "../wsdl/read-wsdl.js";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The model of every configured WSDL: what the readers read, joined, then interpreted by the
 * passes, in this order (each a Model -> Model function with a test table of its own in test/ir/):
 * 1. lenient (only with --lenient): references to undeclared types worked round (lenient.ts);
 * 2. wrapper types: a named type only a wrapper element uses is that wrapper's (wrapper-types.ts);
 * 3. idioms: ArrayOfX, IsDictionary and SOAP-encoded arrays (idioms.ts);
 * 4. messages: document/literal messages as wrapped or bare (messages.ts);
 * 5. anonymous types: named after where they are declared (anonymous-types.ts);
 * 6. derivation: no type derived from itself (derivation.ts);
 * 7. pruning: only the types the operations reach, and which are polymorphic (prune.ts).
 */
export function buildModel(files: readonly WsdlContents[], options: { readonly lenient?: boolean } = {}): Model {
  const read = joined(files);
  const rescues: GeneratorError[] = [];
  const repaired = options.lenient ? dropUnresolved(read, rescues) : read;
  const named = nameAnonymousTypes(messageStyles(lowerIdioms(inlineWrapperTypes(repaired))));
  checkDerivation(named.types);
  const { unread, ...pruned } = pruneUnreached(named);
  // A declaration that could not be read and that no operation reaches (a strict run stopped at one that is reached).
  const left = [...(unread?.values() ?? [])].map(
    (e) => new GeneratorError(`${e.message}; ${options.lenient ? "it is left out" : "no operation uses it, so it is left out"}`, e.loc),
  );
  const all = [...files.flatMap((f) => f.warnings), ...left, ...rescues];
  const line = (w: GeneratorError) => w.format().replace(/(^|: )error: /, "$1warning: ");
  return {
    ...pruned,
    warnings: all.filter((w) => !(w instanceof Notice)).map(line),
    notices: all.filter((w) => w instanceof Notice).map(line),
    rescues: all.filter((w) => w instanceof Rescue).length,
  };
}

/**
 * Joins what each WSDL declared: a named type is one type wherever it appears (keyed by
 * namespace and name), and two files that disagree about it stop the generator. Services are
 * sorted by name; an agent two WSDLs define is an error.
 */
export function joined(files: readonly WsdlContents[]): ReadModel {
  const types = new Map<string, TypeDef>();
  const origin = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const { schema } of files) {
    for (const [key, def] of schema.types) {
      const canonical = JSON.stringify(def, (k, v) => (k === "loc" || k === "declLoc" ? undefined : v === Infinity ? "unbounded" : v));
      const before = seen.get(key);
      if (before === undefined) {
        seen.set(key, canonical);
        types.set(key, def);
        origin.set(key, def.loc.file);
      } else if (before !== canonical) {
        throw new GeneratorError(
          `type ${def.qname.local} in namespace ${def.qname.ns} is declared differently in ${origin.get(key)} and ${def.loc.file}; the generator keeps one definition per named type, so the WSDLs must agree`,
          def.loc,
        );
      }
    }
  }
  const services: ReadModel["services"][number][] = [];
  for (const service of files.flatMap((f) => f.services)) {
    const clash = services.find((s) => s.name === service.name);
    if (clash)
      throw new GeneratorError(`agent ${service.name} is defined by both ${clash.source.file} and ${service.source.file}`, { file: service.source.file });
    services.push(service);
  }
  services.sort((a, b) => cmp(a.name, b.name));
  // A type one file could not read that another did is read.
  const unread = new Map(files.flatMap((f) => [...f.schema.unread].filter(([k]) => k.startsWith("type ") && !types.has(k.slice(5)))));
  return { types, subtypes: new Map(), services, warnings: [], rescues: 0, unread };
}
