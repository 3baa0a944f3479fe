"""gRPC server peer (python3-grpcio) serving telemetry.peertest.v1.PeerTestService for the project's client.

Binds 127.0.0.1 on a free port, prints "listening <port>" and serves until stdin closes. Behaves like the C# test
service: Echo echoes the name (INVALID_ARGUMENT for an empty one, sleeps sleep_ms first, UNKNOWN with the special
status message for "special-status") and copies x-echo-initial into the response headers and x-echo-trailing-bin into
the trailers; EchoStream echoes each request numbered from 1. UnservedService is not served.
"""

import sys
import time
from concurrent import futures

import grpc

import peer_test_pb2
import peer_test_pb2_grpc

SPECIAL_STATUS = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


class PeerTestService(peer_test_pb2_grpc.PeerTestServiceServicer):
    def Echo(self, request, context):
        if request.name == "special-status":
            context.abort(grpc.StatusCode.UNKNOWN, SPECIAL_STATUS)
        metadata = dict(context.invocation_metadata())
        if "x-echo-initial" in metadata:
            context.send_initial_metadata((("x-echo-initial", metadata["x-echo-initial"]),))
        if "x-echo-trailing-bin" in metadata:
            context.set_trailing_metadata((("x-echo-trailing-bin", metadata["x-echo-trailing-bin"]),))
        if not request.name:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "name: must not be empty")
        if request.sleep_ms > 0:
            # Wake up early when the call ends (deadline or cancellation); bounded by sleep_ms anyway.
            deadline = time.monotonic() + request.sleep_ms / 1000
            while time.monotonic() < deadline and context.is_active():
                time.sleep(0.01)
        return peer_test_pb2.EchoResponse(name=request.name, sequence=1)

    def EchoStream(self, request_iterator, context):
        for sequence, request in enumerate(request_iterator, start=1):
            if not request.name:
                context.abort(grpc.StatusCode.INVALID_ARGUMENT, "name: must not be empty")
            yield peer_test_pb2.EchoResponse(name=request.name, sequence=sequence)


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    peer_test_pb2_grpc.add_PeerTestServiceServicer_to_server(PeerTestService(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening {port}", flush=True)
    sys.stdin.read()
    server.stop(grace=1).wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
