// Bench inputs, built at bench time from the documented examples in ../shared (never copied).
import { readFileSync } from "node:fs";

const SHARED = new URL("../../shared/services88/", import.meta.url);
export const USER_WSDL = new URL("wsdl/User.wsdl", SHARED);
export const WSDL_DIR = new URL("wsdl/", SHARED);

const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";

/** The documented GetUserFromPersonId user, as WCF would send it: SOAP 1.1, no xsi:type, no indentation. */
function exampleUser(): string {
  const text = readFileSync(new URL("examples/User/GetUserFromPersonId.response.xml", SHARED), "utf8");
  const start = text.indexOf("<User:User ");
  const end = text.lastIndexOf("</User:User>") + "</User:User>".length;
  return text
    .slice(start, end)
    .replace(/ xsi:type="[^"]*"/g, "")
    .replace(/>\s+</g, "><")
    .replace(/<(\/?)User:/g, "<$1");
}

/** The first complete child element of `inner` (balanced, so nested same-named items are fine). */
function firstElement(inner: string): string | undefined {
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)[\w:]+[^>]*?(\/?)>/g)) {
    if (m[2]) {
      if (depth === 0) return inner.slice(0, m.index! + m[0].length);
      continue;
    }
    depth += m[1] ? -1 : 1;
    if (depth === 0) return inner.slice(0, m.index! + m[0].length);
  }
  return undefined;
}

/** Repeats the first item of each of the user's arrays `n` times, so every nested array is populated. */
function fillArrays(user: string, n: number): string {
  return user.replace(/<(LicenseOwners|OtherGroups|Credentials|TicketCategories|PostSaveCommands)>([\s\S]*?)<\/\1>/g, (m, tag: string, inner: string) => {
    const first = firstElement(inner);
    return first ? `<${tag}>${first.repeat(n)}</${tag}>` : m;
  });
}

/** A GetUserFromPersonId response with `users` users, every nested array filled. */
export function heavyUserResponse(users: number): string {
  const user = fillArrays(exampleUser(), 3);
  return `<s:Envelope xmlns:s="${SOAP11}"><s:Body><GetUserFromPersonIdResponse xmlns="${S88}"><Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${user.repeat(users)}</Response></GetUserFromPersonIdResponse></s:Body></s:Envelope>`;
}

export const LIGHT_RESPONSE = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>client</ClientId><RedirectUri>https://example.com/callback</RedirectUri></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>`;
