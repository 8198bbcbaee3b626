// One cold start, in a fresh process: load a client and build (and send to a stub) its first
// request. argv[2]: "ours" (the generated User client) or "soap" (node-soap from User.wsdl).
const which = process.argv[2];
const wsdl = process.argv[3];
const response =
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RegisterWithAccessGatewayResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"><Response><ClientId>c</ClientId></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>';
if (which === "ours") {
  const { UserAgent } = await import("../generated/dist/services88/user.js");
  // A plain stub (no WHATWG Response): loading undici is the transport's cost, not the client's.
  const bytes = new TextEncoder().encode(response);
  const stub = {
    status: 200,
    statusText: "OK",
    headers: { get: (h) => (h === "content-type" ? "text/xml" : null) },
    body: null,
    arrayBuffer: async () => bytes.buffer,
  };
  const agent = new UserAgent({ baseUrl: "https://tenant.example/Cust1/Remote/Services88/", ticket: "t", fetch: async () => stub });
  await agent.registerWithAccessGateway({ RedirectUri: "https://example.com/callback" });
} else {
  const soap = (await import("soap")).default;
  const httpClient = {
    request: (_url, _data, callback) => callback(null, { status: 200, statusCode: 200, headers: { "content-type": "text/xml" }, data: response }, response),
  };
  const client = await soap.createClientAsync(wsdl, { httpClient });
  await client.RegisterWithAccessGatewayAsync({ RedirectUri: "https://example.com/callback" });
}
