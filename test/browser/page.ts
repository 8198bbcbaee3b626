// The page the browser test serves: the generated User client, bundled for the browser, calling
// the test server it was loaded from.
import { UserAgent } from "../../generated/services88/user.js";

const out = document.getElementById("out")!;
const agent = new UserAgent({ endpoint: `${location.origin}/Remote/Services88/User.svc`, applicationToken: "browser-token", ticket: "browser-ticket" });
agent.registerWithAccessGateway({ RedirectUri: "https://example.com/callback" }).then(
  (info) => {
    out.textContent = JSON.stringify(info);
    out.dataset["state"] = "done";
  },
  (e: Error) => {
    out.textContent = `${e.name}: ${e.message}`;
    out.dataset["state"] = "failed";
  },
);
