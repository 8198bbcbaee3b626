// The shared modules: types.ts (interfaces, enum unions, derived-type unions) and schema.ts
// (the runtime descriptors), one entry per named type.
import { GeneratorError } from "../../diagnostics.js";
import type { Profile } from "../profile.js";
import { qnameKey, SOAP12_ENC_NS, type ComplexTypeDef, type Model, type SimpleTypeDef, type TypeDef, type TypeRef } from "../../ir/model.js";
import { FileImports } from "../imports.js";
import { DESCRIPTOR_TYPES, runtimeSymbol } from "../symbols.js";
import { doc, header, withReference, type DocText } from "../tsdoc.js";
import { cmp, mapper, type TypeNames } from "../type-mapping.js";
import { elementNs, fieldSpec, importList, inheritedKeys, membersOf, property, type Member } from "./common.js";
import { literal, propertyKey } from "../naming.js";
import type { ChoiceView, DescriptorView, FieldSpecView, PolymorphicView, PropertyView, SharedView, TypeView } from "./model.js";

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
    const def = names.def(q);
    return def.kind === "complex" ? def : undefined;
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
  const bases = new Set([...model.types.values()].flatMap((t) => (t.kind === "complex" && t.base ? [qnameKey(t.base)] : [])));
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
      open: false,
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
        properties: [],
        choices: [],
        union,
        isFlags: d.variety === "flags",
        ...doc(
          withReference(
            [
              d.variety === "flags"
                ? `XSD simpleType ${d.qname.local}${where}: a list of flags (WCF [Flags] enum), sent space-separated.`
                : `XSD simpleType ${d.qname.local}${where}: an enumeration.`,
              values,
            ],
            ref.lines(ref.type(d.qname.local)?.description, ""),
          ),
        ),
      });
      descriptors.push({ ...common, kind: d.variety === "flags" ? "flags" : "enumeration", values: `[${d.values.map((v) => literal(v)).join(", ")}]` });
      continue;
    }
    const particles = d.shape.kind === "dictionary" ? [d.shape.key, d.shape.value] : d.elements;
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
        fields: [fieldSpec({ ...d.shape.item, maxOccurs: 1 }, m)],
        ...(encodedArray ? { encodedArray } : {}),
      });
      continue;
    }
    if (d.shape.kind === "dictionary") {
      descriptors.push({ ...common, kind: "dictionary", elementNs: eNs, entry: literal(d.shape.entry), fields: particles.map((p) => fieldSpec(p, m)) });
      continue;
    }
    const base = d.base ? names.name(d.base) : undefined;
    if (base && names.def(d.base!).kind !== "complex")
      throw new GeneratorError(`complexType ${d.qname.local} extends simple type ${d.base!.local} with complexContent; use simpleContent`, d.loc);
    const union = names.union(d.qname);
    const members = membersOf(d, inheritedKeys(d, complexDef));
    const prop = (p: Member) => property(p, m, ref.lines(ref.type(d.qname.local)?.properties.get(p.name), ""));
    // A choice that repeats, or one in a type others extend (an interface cannot extend a union), stays optional members.
    const unions = !bases.has(qnameKey(d.qname)) && members.some((p) => p.choice && !p.choice.repeated);
    const choices = unions ? choiceViews(members, prop) : [];
    types.push({
      name,
      isInterface: true,
      ...(base ? { base } : {}),
      properties: [
        ...members.filter((p) => !unions || !p.choice || p.choice.repeated).map(prop),
        ...(d.open ? [openContent] : []),
        ...(d.openAttributes ? [openAttributes] : []),
      ],
      choices,
      isFlags: false,
      ...doc(
        withReference(
          [
            `XSD complexType ${d.qname.local}${where}${base ? `, extending {@link ${base}} (its members come first on the wire)` : ""}${d.abstract ? "; abstract: a value is always one of the types derived from it" : ""}.`,
          ],
          ref.lines(ref.type(d.qname.local)?.description, ""),
        ),
      ),
      ...(union ? { polymorphic: polymorphicView(d, union, names) } : {}),
    });
    const tag = name === d.qname.local ? "" : literal(name);
    const derived = names.subtypes(d.qname).map((q) => names.desc(q));
    // More than child elements: the runtime's content hooks, which bundles then carry (derived types inherit them).
    const content = members.some((p) => p.sort !== "element") || d.open === true || d.openAttributes === true;
    if (content) imports.use(runtimeSymbol("extendedContent"));
    descriptors.push({
      ...common,
      kind: "record",
      elementNs: eNs,
      base: d.base ? names.desc(d.base) : "undefined",
      fields: members.map((p) => fieldSpec(p, m, eNsUri, usedNs)),
      tag,
      derived,
      open: d.open === true,
      ...(d.openAt !== undefined ? { openAt: d.openAt } : {}),
      openAttributes: d.openAttributes === true,
      content,
      hasOptions: tag !== "" || derived.length > 0 || content,
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

/**
 * Each xs:choice of a type as a union of its alternatives. An alternative lists its members
 * (required when the alternative requires them) and every other alternative's as `?: never`, so
 * `"Pickup" in order` or a check for undefined narrows; a choice that may be left out adds an
 * alternative of none.
 */
function choiceViews(members: readonly Member[], prop: (p: Member) => PropertyView): ChoiceView[] {
  const ids = [...new Set(members.flatMap((p) => (p.choice && !p.choice.repeated ? [p.choice.id] : [])))];
  return ids.map((id) => {
    const inChoice = members.filter((p) => p.choice?.id === id);
    const alts = [...new Set(inChoice.map((p) => p.choice!.alt))].map((alt) => inChoice.filter((p) => p.choice!.alt === alt));
    if (inChoice[0]!.choice!.absent) alts.push([]);
    return {
      alternatives: alts.map((own) => ({
        properties: inChoice.map((p) =>
          own.includes(p)
            ? prop({ ...p, minOccurs: p.choice!.required ? 1 : 0 })
            : { key: propertyKey(p.key), optional: true, ts: "never", doc: [], docMulti: false },
        ),
      })),
    };
  });
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

/** The property that keeps open content (xs:any). */
export const openContent: PropertyView = {
  key: "$elements",
  optional: true,
  ts: "string[]",
  ...doc(["Elements of open content (xs:any) as XML, one string each: kept when received, sent as given where the schema's wildcard stands."]),
};

/** The property that keeps open attributes (xs:anyAttribute). */
const openAttributes: PropertyView = {
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
