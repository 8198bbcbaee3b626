"""zeep's side of `npm run conformance`: for every corpus entry zeep loads, each operation's
request envelope built from filled values (every required member given, optional ones left
out) and a response envelope serialised from the same kind of values.

Usage: /usr/bin/python3 scripts/conformance/zeep-messages.py CORPUS_DIR [REGEX]
Writes one JSON object per line: file, port, soap ("1.1"/"1.2"), operation, action, request
(envelope text) and response (envelope text, or null when zeep cannot serialise one), or error.
No network: a document zeep would fetch over HTTP fails the entry.
"""
import csv, json, os, re, signal, sys

import requests
from lxml import etree
from zeep import Client, Settings, xsd
from zeep.xsd.elements import indicators
from zeep.transports import Transport
from zeep.wsdl.bindings.soap import Soap12Binding


class NoNetwork(requests.adapters.BaseAdapter):
    def send(self, request, **kwargs):
        raise requests.exceptions.ConnectionError("no network: " + request.url)

    def close(self):
        pass


def session():
    s = requests.Session()
    s.mount("http://", NoNetwork())
    s.mount("https://", NoNetwork())
    return s


XS = "http://www.w3.org/2001/XMLSchema"
ENUMS = {}
LENGTHS = {}


def read_enums(client, wsdl):
    """The first value of every named enumeration, by QName: zeep does not keep XSD facets."""
    ENUMS.clear()
    LENGTHS.clear()
    files = {wsdl} | {d._location for d in client.wsdl.types.documents if d._location and not d._location.startswith("http")}
    for f in files:
        try:
            root = etree.parse(f).getroot()
        except Exception:  # noqa: BLE001
            continue
        for schema in root.iter(f"{{{XS}}}schema"):
            tns = schema.get("targetNamespace", "")
            for st in schema.findall(f"{{{XS}}}simpleType"):
                values = st.findall(f"{{{XS}}}restriction/{{{XS}}}enumeration")
                if st.get("name") and values:
                    ENUMS[etree.QName(tns, st.get("name")).text] = values[0].get("value")
                # A string of a fixed or least length: zeep checks no facets, a receiver may.
                length = st.find(f"{{{XS}}}restriction/{{{XS}}}length")
                least = st.find(f"{{{XS}}}restriction/{{{XS}}}minLength")
                if st.get("name") and (length is not None or least is not None):
                    LENGTHS[etree.QName(tns, st.get("name")).text] = int((length if length is not None else least).get("value"))


def fill(t, depth=0):
    """A value for an element of type t with every required member filled."""
    if isinstance(t, xsd.ComplexType):
        if depth > 8:
            return {}
        out = {}
        fill_particles(t.elements_nested, out, depth, top=True)
        for name, attr in getattr(t, "attributes", []):
            if getattr(attr, "required", False) and hasattr(attr, "type"):
                out[name] = fill(attr.type, depth + 1)
        return out
    if t is None:
        return "0"
    qname = getattr(t, "qname", None)
    if qname is not None and qname.text in LENGTHS:
        return "0" * max(LENGTHS[qname.text], 1)
    if qname is not None and qname.text in ENUMS:
        return t.pythonvalue(ENUMS[qname.text]) if hasattr(t, "pythonvalue") else ENUMS[qname.text]
    for text in ["1", "true", "2000-01-01T00:00:00", "2000-01-01", "a", "00:00:00"]:
        try:
            return t.pythonvalue(text)
        except Exception:
            continue
    return "1"


def fill_particles(particles, out, depth, top=False):
    """The required particles of a content model, as zeep takes them: an element by its name, a
    required choice by its first alternative's members (a repeated one as a list of them). The
    type's own group is filled even when optional: zeep then asks for what it requires."""
    for name, p in particles:
        if getattr(p, "min_occurs", 1) == 0 and not (top and not isinstance(p, xsd.Element)):
            continue
        many = getattr(p, "max_occurs", 1) != 1
        if isinstance(p, indicators.Choice):
            alt = {}
            first = p[0]
            # zeep marks a choice's elements optional (minOccurs 0): the one chosen is given.
            if isinstance(first, xsd.Element):
                v = fill(first.type, depth + 1)
                alt[first.attr_name] = [v] if first.max_occurs != 1 else v
            else:
                fill_particles(first.elements_nested, alt, depth)
            if many:
                out[name] = [alt]
            else:
                out.update(alt)
        elif isinstance(p, (indicators.Sequence, indicators.All, indicators.Group)):
            inner = {}
            fill_particles(p.elements_nested, inner, depth)
            if many:
                out[name] = [inner]
            else:
                out.update(inner)
        elif hasattr(p, "type"):
            v = fill(p.type, depth + 1)
            out[name] = [v] if many else v


def args_of(message):
    body = getattr(message, "body", None)
    return fill(body.type) if body is not None and isinstance(getattr(body, "type", None), xsd.ComplexType) else {}


class Timeout(Exception):
    pass


def alarm(*_):
    raise Timeout("over 120 s")


def main():
    corpus, pattern = sys.argv[1], re.compile(sys.argv[2] if len(sys.argv) > 2 else "")
    signal.signal(signal.SIGALRM, alarm)
    with open(os.path.join(corpus, "MANIFEST.tsv")) as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["role"] == "entry" and pattern.search(r["file"])]
    for r in rows:
        path = os.path.join(corpus, "wsdl", r["file"])
        signal.alarm(120)
        try:
            client = Client(path, transport=Transport(session=session()), settings=Settings(strict=True))
            read_enums(client, path)
            printed = False
            for service in client.wsdl.services.values():
                for port in service.ports.values():
                    binding = port.binding
                    soap = "1.2" if isinstance(binding, Soap12Binding) else "1.1"
                    for op in binding._operations.values():
                        line = {"file": r["file"], "port": port.name, "soap": soap, "operation": op.name, "action": op.soapaction}
                        try:
                            proxy = client.bind(service.name, port.name)
                            line["request"] = etree.tostring(client.create_message(proxy, op.name, **args_of(op.input))).decode()
                        except Exception as e:  # noqa: BLE001
                            line["error"] = f"{type(e).__name__}: {str(e)[:200]}"
                        try:
                            line["response"] = etree.tostring(op.output.serialize(**args_of(op.output)).content).decode() if op.output else None
                        except Exception:  # noqa: BLE001
                            line["response"] = None
                        print(json.dumps(line), flush=True)
                        printed = True
            if not printed:
                print(json.dumps({"file": r["file"], "error": "zeep read it, but it has no operation to call"}), flush=True)
        except Exception as e:  # noqa: BLE001
            print(json.dumps({"file": r["file"], "error": f"{type(e).__name__}: {str(e)[:200]}"}), flush=True)
        finally:
            signal.alarm(0)


main()
