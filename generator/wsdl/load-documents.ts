import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf } from "../diagnostics.js";
import { attr, childElements } from "../xml/dom.js";
import { selectElements } from "../xml/select.js";
import { isUrl, parseXml, readSource, shortUrl, type LoadedXml } from "../xml/load.js";
import { XS_NS } from "../ir/model.js";

export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

/** A schema element and the document it sits in (inline in a WSDL, or a separate .xsd). */
export interface SchemaSource {
  readonly file: string;
  /** SHA-256 of the document the schema is in. */
  readonly sha256: string;
  readonly schema: Element;
  /** For a chameleon xs:include (no targetNamespace): the includer's namespace. */
  readonly namespace?: string;
}

/** Everything one configured WSDL source pulls in through wsdl:import, xs:import and xs:include. */
export interface DocumentSet {
  readonly main: LoadedXml;
  /** The main WSDL first, then imported WSDLs in the order they were found. */
  readonly wsdls: readonly LoadedXml[];
  readonly schemas: readonly SchemaSource[];
  /** What was skipped while loading, and why (printed as warnings). */
  readonly warnings: readonly GeneratorError[];
}

/** Resolves a location against the document that names it (file path or URL, as WCF's ?wsdl=wsdl0). */
export function resolveLocation(base: string, location: string): string {
  if (isUrl(location)) return location;
  if (isUrl(base)) return new URL(location, base).href;
  return path.resolve(path.dirname(base), location);
}

/** Bounds on what one WSDL may pull in: far above any real service, well below a server that imports without end. */
export interface LoadLimits {
  readonly maxBytes: number;
  /** Elements in one document (memory: see DEFAULT_MAX_ELEMENTS). */
  readonly maxElements?: number;
  /** Documents (WSDL and XSD) in one set. */
  readonly maxDocuments?: number;
  /** Documents in one chain of imports. */
  readonly maxDepth?: number;
  /** Milliseconds for one document over HTTP. */
  readonly timeoutMs?: number;
}

/** The namespaces of XML Schema's drafts (1999 and 2000/10), before the 2001 Recommendation. */
const OBSOLETE_XS = new Set(["http://www.w3.org/1999/XMLSchema", "http://www.w3.org/2000/10/XMLSchema"]);

export const DEFAULT_MAX_DOCUMENTS = 500;
export const DEFAULT_MAX_DEPTH = 50;

export async function loadDocuments(source: string, limits: LoadLimits): Promise<DocumentSet> {
  const wsdls: LoadedXml[] = [];
  const schemas: SchemaSource[] = [];
  const warnings: GeneratorError[] = [];
  const loadedSchemas = new Set<string>();
  const maxDocuments = limits.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const named = (chain: readonly string[]) => chain.map((f) => (isUrl(f) ? (f.split(/[?#]/)[0]!.split("/").pop() ?? f) : path.basename(f))).join(" -> ");
  let documents = 0;

  const load = async (file: string, chain: readonly string[]) => {
    if (chain.length > maxDepth)
      throw new GeneratorError(
        `imports nest deeper than ${maxDepth} documents (${named(chain)}), starting at ${shortUrl(chain[0]!)}; raise maxImportDepth in the config if the service is genuine`,
        { file: chain[0]! },
      );
    if (++documents > maxDocuments)
      throw new GeneratorError(
        `the WSDL pulls in more than ${maxDocuments} documents (now ${shortUrl(file)}); raise maxDocuments in the config if the service is genuine`,
        {
          file: chain[0]!,
        },
      );
    return parseXml(file, await readSource(file, limits.maxBytes, limits.timeoutMs), limits.maxElements);
  };

  const visitSchema = async (file: string, sha256: string, schema: Element, chain: readonly string[], namespace?: string): Promise<void> => {
    schemas.push({ file, sha256, schema, ...(namespace !== undefined ? { namespace } : {}) });
    const tns = namespace ?? attr(schema, "targetNamespace") ?? "";
    for (const ref of childElements(schema, XS_NS)) {
      if (ref.localName !== "import" && ref.localName !== "include") continue;
      const location = attr(ref, "schemaLocation");
      // XML Schema's own namespace is built in: an import of it (Mono's WCF publishes one whose
      // URL answers with an HTML page) is never fetched.
      if (ref.localName === "import" && attr(ref, "namespace") === XS_NS) {
        if (location !== undefined)
          warnings.push(
            new GeneratorError(
              `xs:import of the XML Schema namespace itself (schemaLocation="${location}"): its types are built in, so it is not fetched`,
              locOf(file, ref),
            ),
          );
        continue;
      }
      if (location === undefined) {
        if (ref.localName === "include") throw new GeneratorError("xs:include without schemaLocation", locOf(file, ref));
        continue; // an import of a schema inlined elsewhere in the set
      }
      const target = resolveLocation(file, location);
      // XSD allows mutual imports; each schema document is read once.
      if (loadedSchemas.has(target)) continue;
      loadedSchemas.add(target);
      const doc = await loadReferenced(() => load(target, [...chain, target]), target, ref, file);
      const root = doc.doc.documentElement!;
      if (root.namespaceURI !== XS_NS || root.localName !== "schema") {
        throw new GeneratorError(`xs:${ref.localName} schemaLocation="${location}" is not an XML Schema (root is <${root.tagName}>)`, locOf(file, ref));
      }
      const included = attr(root, "targetNamespace");
      if (ref.localName === "include" && included !== undefined && included !== tns) {
        throw new GeneratorError(`xs:include of ${location}: its targetNamespace ${included} differs from the including schema's ${tns}`, locOf(file, ref));
      }
      const expected = ref.localName === "import" ? attr(ref, "namespace") : undefined;
      if (expected !== undefined && (included ?? "") !== expected) {
        throw new GeneratorError(`xs:import namespace="${expected}" schemaLocation="${location}" loads a schema for "${included ?? ""}"`, locOf(file, ref));
      }
      await visitSchema(doc.file, doc.sha256, root, [...chain, target], ref.localName === "include" && included === undefined ? tns : undefined);
    }
  };

  const visitWsdl = async (doc: LoadedXml, chain: readonly string[]): Promise<void> => {
    const root = doc.doc.documentElement!;
    if (root.namespaceURI !== WSDL_NS || root.localName !== "definitions") {
      throw new GeneratorError(`root element is <${root.tagName}>, expected wsdl:definitions in ${WSDL_NS}`, locOf(doc.file, root));
    }
    wsdls.push(doc);
    // An xs:import straight under wsdl:types, outside any schema, imports nothing (WS-I BP R2003): say so where it is.
    for (const misplaced of selectElements("/wsdl:definitions/wsdl:types/xs:import | /wsdl:definitions/wsdl:types/xs:include", doc.doc))
      warnings.push(
        new GeneratorError(
          `xs:${misplaced.localName} directly under wsdl:types, outside any xs:schema, brings in nothing (WS-I BP R2003): the types it was meant to bring are not loaded; move it into an xs:schema`,
          locOf(doc.file, misplaced),
        ),
      );
    // Drafts of XML Schema (1999, 2000/10) that old toolkits still publish: their schemas are not read.
    for (const types of selectElements("/wsdl:definitions/wsdl:types", doc.doc))
      for (const draft of childElements(types).filter((c) => c.localName === "schema" && OBSOLETE_XS.has(c.namespaceURI ?? "")))
        warnings.push(
          new GeneratorError(
            `this schema is in ${draft.namespaceURI}, a draft of XML Schema that nothing reads any more: its declarations are not loaded; declare it in ${XS_NS}`,
            locOf(doc.file, draft),
          ),
        );
    for (const s of selectElements("/wsdl:definitions/wsdl:types/xs:schema", doc.doc)) await visitSchema(doc.file, doc.sha256, s, chain);
    for (const imp of selectElements("/wsdl:definitions/wsdl:import", doc.doc)) {
      const location = attr(imp, "location");
      if (location === undefined) throw new GeneratorError("wsdl:import without a location attribute", locOf(doc.file, imp));
      const target = resolveLocation(doc.file, location);
      // Each document is read once: imported twice along different paths, or in a cycle (WS-Policy
      // documents that import each other do; WSDL 1.1 does not forbid it).
      if (chain.includes(target) || wsdls.some((w) => w.file === target) || loadedSchemas.has(target)) continue;
      const imported = await loadReferenced(() => load(target, [...chain, target]), target, imp, doc.file);
      const root = imported.doc.documentElement!;
      if (root.namespaceURI === XS_NS && root.localName === "schema") {
        // A schema imported as a WSDL: read as one of this WSDL's schemas, as zeep and CXF do.
        const expected = attr(imp, "namespace");
        const tns = attr(root, "targetNamespace") ?? "";
        if (expected !== undefined && expected !== tns)
          throw new GeneratorError(`wsdl:import namespace="${expected}" location="${location}" loads a schema for "${tns}"`, locOf(doc.file, imp));
        warnings.push(
          new GeneratorError(
            `wsdl:import of ${location}, an XML Schema document: read as a schema of this WSDL (WS-I BP R2001 asks for xs:import inside wsdl:types)`,
            locOf(doc.file, imp),
          ),
        );
        loadedSchemas.add(target);
        await visitSchema(imported.file, imported.sha256, root, [...chain, target]);
        continue;
      }
      await visitWsdl(imported, [...chain, target]);
    }
  };

  const main = await load(source, [source]);
  await visitWsdl(main, [source]);
  return { main, wsdls, schemas, warnings };
}

async function loadReferenced(load: () => Promise<LoadedXml>, target: string, ref: Element, from: string): Promise<LoadedXml> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof GeneratorError && (e.loc?.line || /^(imports nest|the WSDL pulls in|\S+ of \S+ failed)/.test(e.message))) throw e; // already says where
    const why = e instanceof GeneratorError ? e.message : (e as Error).message;
    throw new GeneratorError(`${ref.tagName} of ${shortUrl(target)} failed: ${why}`, locOf(from, ref));
  }
}
