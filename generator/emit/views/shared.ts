// The shared modules: types.ts (interfaces, enum unions, derived-type unions) and schema.ts
// (the runtime descriptors), one entry per named type.
import { GeneratorError } from "../../diagnostics.js";
import type { Profile } from "../profile.js";
import { elementsOf, qnameKey, SOAP12_ENC_NS, type ComplexTypeDef, type Model, type SimpleTypeDef, type TypeDef, type TypeRef } from "../../ir/model.js";
import { FileImports } from "../imports.js";
import { DESCRIPTOR_TYPES, runtimeSymbol } from "../symbols.js";
import { doc, documentation, header, withReference, type DocText } from "../tsdoc.js";
import { cmp, mapper, type TypeNames } from "../type-mapping.js";
import { asMember, elementNs, fieldSpec, importList, property } from "./common.js";
import { modelExpression, objectView } from "./content.js";
import { Layouts, type Member } from "../layout.js";
import { literal } from "../naming.js";
import type { DescriptorView, FieldSpecView, PolymorphicView, SharedView, TypeView } from "./model.js";

export function sharedView(model: Model, names: TypeNames, primaryNs: string, runtime: string, ref: DocText, profile: Profile): SharedView {
  const imports = new FileImports();
  const m = mapper(names, "", "", imports);
  const nsIds = new Map<string, string>();
  const nsId = (uri: string) => {
    if (!nsIds.has(uri)) nsIds.set(uri, `NS${nsIds.size}`);
    return nsIds.get(uri)!;
  };
  nsId(primaryNs);
  // Namespaces a member names itself (one not its record's): declared like the others.
  const fieldNs = new Set<string>();
  const usedNs = (uri: string) => {
    const id = nsId(uri);
    fieldNs.add(id);
    return id;
  };
  const complexDef = (q: ComplexTypeDef["qname"]) => {
    const def = model.types.get(qnameKey(q));
    return def?.kind === "complex" ? def : undefined;
  };
  const defs = [...model.types.values()].sort((a, b) => cmp(names.name(a.qname), names.name(b.qname)));
  // Bases first: descriptors pass their base by value.
  const ordered: TypeDef[] = [];
  const placed = new Set<string>();
  const place = (d: TypeDef) => {
    const key = qnameKey(d.qname);
    if (placed.has(key)) return;
    placed.add(key);
    if (d.kind === "complex" && d.base) place(names.def(d.base));
    // A restriction or list passes its base or item type by value too.
    if (d.kind === "simple" && d.base.kind === "named") place(names.def(d.base.qname));
    ordered.push(d);
  };
  defs.forEach(place);

  const types: TypeView[] = [];
  const layouts = new Layouts(complexDef);
  /** The types printed as aliases (an interface cannot extend one). */
  const aliases = new Set<string>();
  // Each gets its declared type (DESCRIPTOR_TYPES) once all are built.
  const descriptors: Omit<DescriptorView, "type">[] = [];
  for (const d of ordered) {
    const name = names.name(d.qname);
    const xsdName = literal(d.qname.local);
    const ns = nsId(d.qname.ns);
    const common = {
      name: names.desc(d.qname),
      ns,
      xsdName,
      elementNs: ns,
      base: "undefined",
      fields: [] as FieldSpecView[],
      tag: "",
      derived: [],
      openAttributes: false,
      content: false,
      hasOptions: false,
    };
    const where = d.qname.ns === primaryNs ? "" : ` in namespace ${d.qname.ns}`;
    if (d.kind === "simple") {
      // A restriction (or list) of an enumeration is that enumeration (or a list of it) under its own name.
      const enumBase = d.variety === "restriction" || d.variety === "list" ? enumerationOf(d.base, names) : undefined;
      if (enumBase) {
        const kind = d.variety === "list" || enumBase.variety === "flags" ? "flags" : "enumeration";
        descriptors.push({ ...common, kind, values: `[${enumBase.values.map((v) => literal(v)).join(", ")}]` });
        continue;
      }
      if (d.variety === "restriction" || d.variety === "list") {
        descriptors.push({ ...common, kind: d.variety, restrictionOf: m.desc(d.base, d.loc), ...(d.variety === "restriction" ? lengthOf(d) : {}) });
        continue;
      }
      const union = d.values.map((v) => literal(v)).join(" | ") || "never";
      const values =
        d.values.length <= 40 ? `Allowed values: ${d.values.map((v) => `\`${v}\``).join(", ")}.` : `${d.values.length} allowed values, listed in the type.`;
      types.push({
        name,
        isInterface: false,
        alias: false,
        properties: [],
        unions: [],
        union,
        isFlags: d.variety === "flags",
        ...doc(
          withReference(
            [
              d.variety === "flags"
                ? `XSD simpleType ${d.qname.local}${where}: a list of flags (WCF [Flags] enum), sent space-separated.`
                : `XSD simpleType ${d.qname.local}${where}: an enumeration.`,
              values,
              // Each value's xs:documentation, when the schema gives any.
              ...(d.valueDocs ?? []).flatMap((text, i) => (text ? documentation(`- \`${d.values[i]}\`: ${text}`) : [])),
            ],
            [...documentation(d.doc), ...ref.lines(ref.type(d.qname.local)?.description, "")],
          ),
        ),
      });
      descriptors.push({ ...common, kind: d.variety === "flags" ? "flags" : "enumeration", values: `[${d.values.map((v) => literal(v)).join(", ")}]` });
      continue;
    }
    const particles = d.shape.kind === "dictionary" ? [d.shape.key, d.shape.value] : d.shape.kind === "array" ? [d.shape.item] : elementsOf(d.content);
    const eNsUri = elementNs(d, particles);
    const eNs = nsId(eNsUri);
    if (d.shape.kind === "array") {
      // The array is the repetition: its item descriptor is one element.
      // A SOAP-encoded array says its items' type and count in its encoding's own attributes.
      const encoding = d.shape.encoding;
      const encodedArray =
        encoding === undefined ? undefined : imports.use(encoding === SOAP12_ENC_NS ? runtimeSymbol("encodedArray12") : runtimeSymbol("encodedArray"));
      descriptors.push({
        ...common,
        kind: "array",
        elementNs: eNs,
        fields: [fieldSpec(asMember({ ...d.shape.item, maxOccurs: 1 }), m)],
        ...(encodedArray ? { encodedArray } : {}),
      });
      continue;
    }
    if (d.shape.kind === "dictionary") {
      descriptors.push({
        ...common,
        kind: "dictionary",
        elementNs: eNs,
        entry: literal(d.shape.entry),
        fields: particles.map((p) => fieldSpec(asMember(p), m)),
      });
      continue;
    }
    const base = d.base ? names.name(d.base) : undefined;
    if (base && names.def(d.base!).kind !== "complex")
      throw new GeneratorError(`complexType ${d.qname.local} extends simple type ${d.base!.local} with complexContent; use simpleContent`, d.loc);
    const union = names.union(d.qname);
    const layout = layouts.of(d);
    const reference = (p: Member) => ref.lines(ref.type(d.qname.local)?.properties.get(p.name), "");
    const object = objectView(layout.shape, (member, optional, where) => property(member, m, reference(member), optional, where), m);
    // An interface cannot extend a union: a type with unions, or extending one that has them, is an alias of an intersection.
    const alias = object.unions.length > 0 || (d.base !== undefined && aliases.has(qnameKey(d.base)));
    if (alias) aliases.add(qnameKey(d.qname));
    types.push({
      name,
      isInterface: true,
      alias,
      ...(base ? { base } : {}),
      properties: [...object.properties, ...(d.openAttributes ? [openAttributes] : [])],
      unions: object.unions,
      isFlags: false,
      ...doc(
        withReference(
          [
            `XSD complexType ${d.qname.local}${where}${base ? `, extending {@link ${base}} (its members come first on the wire)` : ""}${d.abstract ? "; abstract: a value is always one of the types derived from it" : ""}.`,
          ],
          [...documentation(d.doc), ...ref.lines(ref.type(d.qname.local)?.description, "")],
        ),
      ),
      ...(union ? { polymorphic: polymorphicView(d, union, names) } : {}),
    });
    const tag = name === d.qname.local ? "" : literal(name);
    const derived = names.subtypes(d.qname).map((q) => names.desc(q));
    // Attributes or text: the runtime's content hooks, which bundles then carry (derived types inherit them).
    const content = layout.members.some((p) => p.sort !== "element") || d.openAttributes === true;
    if (content) imports.use(runtimeSymbol("extendedContent"));
    const model = modelExpression(layout, imports, (uri) => (uri === "" ? '""' : usedNs(uri)));
    descriptors.push({
      ...common,
      kind: "record",
      elementNs: eNs,
      base: d.base ? names.desc(d.base) : "undefined",
      fields: layout.members.map((p) => fieldSpec(p, m, eNsUri, usedNs)),
      tag,
      derived,
      ...(model ? { model } : {}),
      openAttributes: d.openAttributes === true,
      content,
      hasOptions: tag !== "" || derived.length > 0 || content || model !== undefined,
    });
  }
  imports.use(runtimeSymbol("registry"));
  for (const d of descriptors) imports.use(d.kind);
  const typed: DescriptorView[] = descriptors.map((d) => ({ ...d, type: DESCRIPTOR_TYPES[d.kind] }));
  return {
    header: header(
      model.services.map((s) => s.source),
      profile.regenerate,
    ),
    runtime,
    // Each descriptor's declared type, and the registry's.
    runtimeImports: importList([...imports.runtime], [...typed.map((d) => d.type), DESCRIPTOR_TYPES.registry]),
    // Only namespaces a descriptor names: a WSDL without named types declares none.
    namespaces: [...nsIds]
      .filter(([, id]) => fieldNs.has(id) || descriptors.some((d) => d.ns === id || d.elementNs === id))
      .map(([uri, id]) => ({ id, uri: literal(uri) })),
    empty: types.length === 0,
    types,
    descriptors: typed,
  };
}

/** length/minLength/maxLength of a restriction, as the runtime checks them on encode: `[min, max]`. */
function lengthOf(d: SimpleTypeDef): { length?: string } {
  const f = (name: string) => d.facets?.find((x) => x.name === name)?.value;
  const exact = f("length");
  const min = exact ?? f("minLength");
  const max = exact ?? f("maxLength");
  if (min === undefined && max === undefined) return {};
  return { length: `[${Number(min ?? 0)}, ${max === undefined ? "Infinity" : Number(max)}]` };
}

/** The enumeration a simple type reference comes down to through restrictions, if it is one. */
function enumerationOf(ref: TypeRef, names: TypeNames): SimpleTypeDef | undefined {
  for (let r = ref, seen = 0; r.kind === "named" && seen < 32; seen++) {
    const def = names.def(r.qname);
    if (def.kind !== "simple") return undefined;
    if (def.variety === "enum" || def.variety === "flags") return def;
    if (def.variety !== "restriction") return undefined;
    r = def.base;
  }
  return undefined;
}

/** The property that keeps open attributes (xs:anyAttribute). */
const openAttributes: TypeView["properties"][number] = {
  key: "$attributes",
  optional: true,
  ts: "Record<string, string>",
  ...doc(["Attributes the schema leaves open (xs:anyAttribute), by name (`{namespace}name` when qualified): kept when received, sent as given."]),
};

/**
 * The union a member of a polymorphic type is typed with: the type and everything derived from
 * it, each marked by its `$type`. The decoder always fills `$type`; a request may leave it out
 * for the declared type itself.
 */
function polymorphicView(d: ComplexTypeDef, union: string, names: TypeNames): PolymorphicView {
  const family: string[] = [];
  const walk = (q: ComplexTypeDef["qname"]) => {
    for (const s of names.subtypes(q)) {
      family.push(names.name(s));
      walk(s);
    }
  };
  walk(d.qname);
  const own = names.name(d.qname);
  return {
    name: union,
    variants: [own, ...family.sort(cmp)].map((type) => ({ type, tag: literal(type), optional: type === own })),
    ...doc([
      `A {@link ${own}} or any type derived from it: \`$type\` says which (xsi:type on the wire).`,
      `Responses always carry \`$type\`; a request sends a derived type only when \`$type\` names it.`,
    ]),
  };
}
