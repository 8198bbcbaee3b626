"""zeep (Debian's python3-zeep), the reference client, on a WSDL of the tests' own: the request
and response envelopes it builds from given values, and what it makes of envelopes ours sent
(read, then written again from what it read).

Usage: /usr/bin/python3 test/interop/zeep_messages.py WSDL < jobs.json
jobs.json: {"service": NAME, "build": [{"port", "op", "request": {...} | null, "response": {...} | null}],
            "read": [{"port", "op", "envelope": XML}]}
Values are zeep's: a repeated or chosen group under `_value_1`, a name given twice as `Name__1`; a
string that starts with "<" under `_value_1` is open content (xs:any), parsed to an element.
Writes {"build": [{"request", "response"} | {"error"}], "read": [{"envelope"} | {"error"}]}.
"""
import json, sys

from lxml import etree
from zeep import Client, Settings


def values(v):
    """JSON values as zeep takes them: open content as elements."""
    if isinstance(v, dict):
        return {k: (etree.fromstring(x) if k == "_value_1" and isinstance(x, str) and x.startswith("<") else values(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [values(x) for x in v]
    return v


def main():
    client = Client(sys.argv[1], settings=Settings(strict=True))
    jobs = json.load(sys.stdin)
    out = {"build": [], "read": []}
    for job in jobs.get("build", []):
        proxy = client.bind(jobs["service"], job["port"])
        op = proxy._binding._operations[job["op"]]
        line = {}
        try:
            if job.get("request") is not None:
                line["request"] = etree.tostring(client.create_message(proxy, job["op"], **values(job["request"]))).decode()
            if job.get("response") is not None:
                line["response"] = etree.tostring(op.output.serialize(**values(job["response"])).content).decode()
        except Exception as e:  # noqa: BLE001
            line = {"error": f"{type(e).__name__}: {e}"}
        out["build"].append(line)
    for job in jobs.get("read", []):
        proxy = client.bind(jobs["service"], job["port"])
        op = proxy._binding._operations[job["op"]]
        try:
            read = op.input.deserialize(etree.fromstring(job["envelope"].encode()))
            wrapper = op.input.body.type
            names = [n for n, _ in wrapper.elements]
            # One member: zeep hands back the member; several: the wrapper, member by member.
            if getattr(read, "_xsd_type", None) is wrapper:
                kwargs = dict(read.__values__)
            elif len(names) == 1:
                kwargs = {names[0]: read}
            else:
                kwargs = {n: getattr(read, n) for n in names}
            out["read"].append({"envelope": etree.tostring(op.input.serialize(**kwargs).content).decode()})
        except Exception as e:  # noqa: BLE001
            out["read"].append({"error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


main()
