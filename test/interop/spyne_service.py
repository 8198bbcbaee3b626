"""A spyne service for the interop test (run by /usr/bin/python3 with Debian's python3-spyne).

Usage: spyne_service.py 11|12  -- serves SOAP 1.1 or 1.2 on 127.0.0.1 (a free port), prints
"listening PORT" once it accepts connections; GET /?wsdl is spyne's own WSDL for it.
"""
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from spyne import Application, ComplexModel, Decimal, Fault, Integer32, Long, ServiceBase, Unicode, XmlAttribute, rpc
from spyne.model.complex import Array
from spyne.protocol.soap import Soap11, Soap12
from spyne.server.wsgi import WsgiApplication

NS = "urn:spyne-interop"


class Tag(ComplexModel):
    __namespace__ = NS
    weight = XmlAttribute(Integer32)
    name = Unicode(min_occurs=1, nillable=False)


class Item(ComplexModel):
    __namespace__ = NS
    id = XmlAttribute(Unicode)
    text = Unicode(min_occurs=1, nillable=False)
    big = Long(min_occurs=1, nillable=False)
    count = Integer32(min_occurs=1, nillable=False)
    amount = Decimal(min_occurs=1, nillable=False)
    note = Unicode(min_occurs=0)
    tags = Array(Tag)


class Refused(Fault):
    __namespace__ = NS

    def __init__(self, code):
        super().__init__(faultcode="Client.Refused", faultstring=f"refused <{code}>")


class InteropService(ServiceBase):
    @rpc(Item, _returns=Item)
    def echo(ctx, item):
        return item

    @rpc(_returns=Unicode)
    def ping(ctx):
        return "pong"

    @rpc(Integer32, _returns=Unicode, _throws=[Refused])
    def refuse(ctx, code):
        raise Refused(code)


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    soap = Soap12 if sys.argv[1:] == ["12"] else Soap11
    app = Application([InteropService], tns=NS, in_protocol=soap(), out_protocol=soap())
    server = make_server("127.0.0.1", 0, WsgiApplication(app), handler_class=Quiet)
    print(f"listening {server.server_port}", flush=True)
    server.serve_forever()


main()
