// The loopback SOAP server for the round-trip benchmark, in its own process so its CPU is not
// counted as client CPU. Answers by SOAPAction with canned responses given on stdin (JSON).
import http from "node:http";

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const answers = JSON.parse(input);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const action = String(req.headers["soapaction"] ?? "").replace(/"/g, "");
      const body = answers[action.slice(action.lastIndexOf("/") + 1)];
      res.writeHead(body ? 200 : 500, { "content-type": "text/xml; charset=utf-8" });
      res.end(body ?? "");
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
});
