// Seeded mutations for the fuzz tests: drop, duplicate or truncate lines, rewrite an attribute,
// rename a tag, insert junk.

/** mulberry32: small, seedable, good enough to pick mutations reproducibly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const JUNK = [
  "<",
  ">",
  "&",
  "&amp;",
  "&bogus;",
  '"',
  "xs:choice",
  "q99:",
  "tns:Nope",
  "unbounded",
  "-1",
  "\u0000",
  "\uFFFF",
  "]]>",
  "<!DOCTYPE x>",
  "<![CDATA[",
  "\u00e9",
  "nillable",
  "true",
];

/** One random edit: drop, duplicate or truncate lines, rewrite an attribute, rename a tag, insert junk. */
export function mutate(text: string, r: ReturnType<typeof prng>): { text: string; what: string } {
  const lines = text.split("\n");
  const i = r.int(lines.length);
  switch (r.int(7)) {
    case 0:
      lines.splice(i, 1);
      return { text: lines.join("\n"), what: `deleted line ${i + 1}` };
    case 1:
      lines.splice(i, 0, lines[i]!);
      return { text: lines.join("\n"), what: `duplicated line ${i + 1}` };
    case 2: {
      const at = r.int(text.length);
      return { text: text.slice(0, at), what: `truncated at ${at}` };
    }
    case 3: {
      const attrs = [...text.matchAll(/(\w+)="([^"]*)"/g)];
      const m = r.pick(attrs);
      const junk = r.pick(JUNK);
      return { text: text.slice(0, m.index!) + `${m[1]}="${junk}"` + text.slice(m.index! + m[0].length), what: `${m[1]}="${junk}" at ${m.index}` };
    }
    case 4: {
      const tags = [...text.matchAll(/<(\/?)(xs|wsdl|soap|s|User|SOAP-ENV):(\w+)/g)];
      const m = r.pick(tags);
      const to = r.pick(["choice", "sequence", "element", "complexType", "import", "message", "part", "Fault", "Body", "Header", "any"]);
      return { text: text.slice(0, m.index!) + `<${m[1]}${m[2]}:${to}` + text.slice(m.index! + m[0].length), what: `<${m[2]}:${m[3]}> renamed to ${to}` };
    }
    case 5: {
      const at = r.int(text.length);
      const junk = r.pick(JUNK);
      return { text: text.slice(0, at) + junk + text.slice(at), what: `inserted ${JSON.stringify(junk)} at ${at}` };
    }
    default: {
      const at = r.int(text.length);
      const len = 1 + r.int(200);
      return { text: text.slice(0, at) + text.slice(at + len), what: `cut ${len} chars at ${at}` };
    }
  }
}
