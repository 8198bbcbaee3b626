// What the generated code says about itself and how it names things, by the service it speaks:
// SuperOffice NetServer's conventions in one place (selected by the Services88 config with
// "profile": "superoffice"), and the generic ones every other WSDL gets.
import type { Service } from "../ir/model.js";

export type ProfileName = "generic" | "superoffice";
export const PROFILES: readonly ProfileName[] = ["generic", "superoffice"];

export interface Profile {
  readonly name: ProfileName;
  /** A client class's suffix and the word the docs use for one ("UserAgent", "CalculatorClient"). */
  readonly noun: "Agent" | "Client";
  /** The command the header line of every file names to regenerate it. */
  readonly regenerate: string;
  /** SuperOffice's credential headers as plain options (applicationToken, ticket, timeZone). */
  readonly headerShortcuts: boolean;
  /** A response header whose presence makes the call fail (SuperOffice's ExceptionInfo). */
  readonly failureHeader?: string;
  /**
   * Whether this soap:address is a placeholder (SuperOffice's Cust12345 tenant): a client must be
   * given `endpoint` or `baseUrl`, or its calls would carry credentials to a tenant not the caller's.
   */
  addressRequired(address: string | undefined): boolean;
  /**
   * Which responses a method resolves to the member of: one whose only member is `<Response>`
   * (SuperOffice), or any whose only member is one element (zeep and svcutil: `add()` is 5).
   */
  readonly unwrap: "Response" | "single";
  /** What the index's factory is named after: the agents' namespace (`services88()`) or the WSDL's service (`calculator()`). */
  readonly factory: "namespace" | "service";
  /**
   * When a type outside the primary namespace gets its namespace's word as prefix: always
   * (SuperOffice: `ArraysArrayOfstring`, `SystemException`), or only when its name is taken.
   */
  readonly typePrefix: "always" | "clash";
  /** What a client class's TSDoc says it is the client of ("the User agent", "portType Orders"). */
  clientOf(portType: string): string;
  /** The index's example of the factory in use. */
  example(factory: string, client: string, method: string): string[];
  /** The client class's name before its suffix. */
  clientName(service: Service, all: readonly Service[]): string;
}

export const SUPEROFFICE: Profile = {
  name: "superoffice",
  noun: "Agent",
  regenerate: "npm run generate",
  headerShortcuts: true,
  failureHeader: "ExceptionInfo",
  // SuperOffice Online's documented example tenant; an address of one's own (a test server,
  // an on-site installation) is used as given.
  addressRequired: (address) => address !== undefined && /\/Cust\d+\//i.test(address),
  unwrap: "Response",
  factory: "namespace",
  typePrefix: "always",
  clientOf: (portType) => `the ${portType} agent`,
  // The User agent's RegisterWithAccessGateway: where every SuperOffice session starts.
  example: (factory) => [
    `\`const so = ${factory}({ baseUrl: "https://<host>/<tenant>/Remote/Services88/", applicationToken, ticket });\``,
    "then `await so.user.registerWithAccessGateway({ ... })`.",
  ],
  clientName: (service) => service.name,
};

export const GENERIC: Profile = {
  name: "generic",
  noun: "Client",
  regenerate: "npx soap-ts-gen",
  headerShortcuts: false,
  addressRequired: () => false,
  unwrap: "single",
  factory: "service",
  typePrefix: "clash",
  clientOf: (portType) => `portType ${portType}`,
  example: (factory, client, method) => [`\`const api = ${factory}({ endpoint: "https://..." });\``, `then \`await api.${client}.${method}({ ... })\`.`],
  // Named after the wsdl:service (less a trailing "Service": CalculatorService -> CalculatorClient)
  // when it is the only portType the service binds (one client per SOAP version, the 1.2 one with
  // a Soap12 suffix); otherwise after the portType.
  clientName: (service, all) => {
    // A portType no wsdl:service binds (its binding stands in for the service) is named after itself.
    if (!service.address && service.portName === service.serviceName) return service.name;
    const same = all.filter((s) => s.serviceName === service.serviceName);
    const portTypes = new Set(same.map((s) => s.name.replace(/Soap12$/, "")));
    if (portTypes.size !== 1) return service.name;
    return serviceStem(service.serviceName) + (same.length > 1 && service.soapVersion === "1.2" && service.name.endsWith("Soap12") ? "Soap12" : "");
  },
};

/** A wsdl:service's name without a trailing "Service" (the client and factory say what it is). */
export const serviceStem = (name: string): string => name.replace(/(.)Service$/, "$1");

export const profileNamed = (name: ProfileName): Profile => (name === "superoffice" ? SUPEROFFICE : GENERIC);
