// What one generated file imports, recorded as the emitter uses each symbol (as protoplugin's
// generated-file does): printing a name records its import, and nothing is read back from text.
import type { RuntimeSymbol } from "./symbols.js";

export class FileImports {
  /** Runtime values the file uses (from runtime/codegen.ts). */
  readonly runtime = new Set<RuntimeSymbol>();
  /** Whether the file refers to the shared types module (`T.`). */
  types = false;
  /** Whether the file refers to the shared descriptors module (`S.`). */
  schema = false;

  /** Records the import and gives the name back, to print. */
  use<K extends RuntimeSymbol>(symbol: K): K {
    this.runtime.add(symbol);
    return symbol;
  }
}
