"""gRPC client peer (python3-grpcio) for telemetry.peertest.v1.PeerTestService.

Runs the requested checks against --target and prints one line per check, "PASS <check>: ..." or
"FAIL <check>: ...". Exits 0 when every check passed, 1 otherwise. peer_test_pb2 and peer_test_pb2_grpc are
generated at test time (protoc --python_out, grpc_python_plugin) and found through PYTHONPATH.
"""

import argparse
import sys

import grpc

import peer_test_pb2
import peer_test_pb2_grpc

CHECKS = ("unary", "bidi", "deadline_exceeded", "invalid_argument", "unimplemented", "unimplemented_method",
          "metadata", "special_status", "large_message", "compression",
          "bidi_error")

# Under and over the server's 4 MiB receive limit.
LARGE_SIZE = 3 * 1024 * 1024
TOO_LARGE_SIZE = 5 * 1024 * 1024

# The interop suite's special_status_message, sent back by the server for the name "special-status".
SPECIAL_STATUS = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
TRAILING_BYTES = b"\xab\xab\xab"

# A method the served PeerTestService does not declare, called by raw path.
MISSING_METHOD = "/telemetry.peertest.v1.PeerTestService/Missing"


def expect_error(call, code):
    """Runs call, which must fail with code; returns the status details."""
    try:
        call()
    except grpc.RpcError as error:
        if error.code() != code:
            raise AssertionError(f"status {error.code().name} ({error.details()!r}), expected {code.name}")
        return error.details()
    raise AssertionError(f"call succeeded, expected {code.name}")


def check_unary(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    response = stub.Echo(peer_test_pb2.EchoRequest(name="python"), timeout=10)
    if response.name != "python" or response.sequence != 1:
        raise AssertionError(f"unexpected response {response}")
    return f"name={response.name} sequence={response.sequence}"


def check_bidi(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    names = ["a", "b", "c"]
    responses = list(stub.EchoStream(iter(peer_test_pb2.EchoRequest(name=n) for n in names), timeout=10))
    got = [(r.name, r.sequence) for r in responses]
    expected = [(n, i + 1) for i, n in enumerate(names)]
    if got != expected:
        raise AssertionError(f"responses {got}, expected {expected}")
    return f"{len(responses)} echoes in order"


def check_deadline_exceeded(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    request = peer_test_pb2.EchoRequest(name="slow", sleep_ms=5000)
    expect_error(lambda: stub.Echo(request, timeout=0.2), grpc.StatusCode.DEADLINE_EXCEEDED)
    return "DEADLINE_EXCEEDED"


def check_invalid_argument(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    details = expect_error(lambda: stub.Echo(peer_test_pb2.EchoRequest(name=""), timeout=10),
                           grpc.StatusCode.INVALID_ARGUMENT)
    if "name" not in details:
        raise AssertionError(f"message {details!r} does not name the field")
    return f"INVALID_ARGUMENT {details!r}"


def check_unimplemented(channel):
    stub = peer_test_pb2_grpc.UnservedServiceStub(channel)
    details = expect_error(lambda: stub.Echo(peer_test_pb2.EchoRequest(name="x"), timeout=10),
                           grpc.StatusCode.UNIMPLEMENTED)
    return f"UNIMPLEMENTED {details!r}"


def check_unimplemented_method(channel):
    call = channel.unary_unary(MISSING_METHOD,
                               request_serializer=peer_test_pb2.EchoRequest.SerializeToString,
                               response_deserializer=peer_test_pb2.EchoResponse.FromString)
    details = expect_error(lambda: call(peer_test_pb2.EchoRequest(name="x"), timeout=10),
                           grpc.StatusCode.UNIMPLEMENTED)
    return f"UNIMPLEMENTED {details!r}"


def check_metadata(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    metadata = (("x-echo-initial", "initial-value"), ("x-echo-trailing-bin", TRAILING_BYTES))
    _, call = stub.Echo.with_call(peer_test_pb2.EchoRequest(name="python"), metadata=metadata, timeout=10)
    initial = dict(call.initial_metadata()).get("x-echo-initial")
    trailing = dict(call.trailing_metadata()).get("x-echo-trailing-bin")
    if initial != "initial-value" or trailing != TRAILING_BYTES:
        raise AssertionError(f"header {initial!r}, trailer {trailing!r}")
    return f"header x-echo-initial={initial!r}, trailer x-echo-trailing-bin={trailing!r}"


def check_special_status(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    details = expect_error(lambda: stub.Echo(peer_test_pb2.EchoRequest(name="special-status"), timeout=10),
                           grpc.StatusCode.UNKNOWN)
    if details != SPECIAL_STATUS:
        raise AssertionError(f"message {details!r}, expected {SPECIAL_STATUS!r}")
    return f"UNKNOWN {details!r}"


def check_large_message(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    name = "x" * LARGE_SIZE
    response = stub.Echo(peer_test_pb2.EchoRequest(name=name), timeout=20)
    if response.name != name:
        raise AssertionError(f"echoed {len(response.name)} characters, expected {LARGE_SIZE}")
    details = expect_error(lambda: stub.Echo(peer_test_pb2.EchoRequest(name="x" * TOO_LARGE_SIZE), timeout=20),
                           grpc.StatusCode.RESOURCE_EXHAUSTED)
    return f"{LARGE_SIZE} bytes echoed; {TOO_LARGE_SIZE} bytes: RESOURCE_EXHAUSTED {details!r}"


def check_compression(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    name = "compressible " * 100
    response, call = stub.Echo.with_call(peer_test_pb2.EchoRequest(name=name), metadata=(("x-compress-response", "1"),),
                                         compression=grpc.Compression.Gzip, timeout=10)
    trailers = dict(call.trailing_metadata())
    request_compression = trailers.get("x-request-compression")
    response_compression = trailers.get("x-response-compression")
    if response.name != name or request_compression != "gzip" or response_compression != "gzip":
        raise AssertionError(f"echo {response.name == name}, request {request_compression!r}, response {response_compression!r}")
    return "gzip request and gzip response, echoed"


def check_bidi_error(channel):
    stub = peer_test_pb2_grpc.PeerTestServiceStub(channel)
    call = stub.EchoStream(iter([peer_test_pb2.EchoRequest(name="a"), peer_test_pb2.EchoRequest(name="")]), timeout=10)
    received = []
    details = expect_error(lambda: received.extend(r.name for r in call), grpc.StatusCode.INVALID_ARGUMENT)
    if received != ["a"] or "name" not in details:
        raise AssertionError(f"received {received}, message {details!r}")
    return f"echo 'a', then INVALID_ARGUMENT {details!r} in the trailers"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="host:port of the server")
    parser.add_argument("--check", default="all", choices=CHECKS + ("all",))
    args = parser.parse_args()

    checks = CHECKS if args.check == "all" else (args.check,)
    failed = 0
    with grpc.insecure_channel(args.target) as channel:
        for name in checks:
            try:
                detail = globals()["check_" + name](channel)
                print(f"PASS {name}: {detail}", flush=True)
            except Exception as error:  # pylint: disable=broad-except
                failed += 1
                print(f"FAIL {name}: {error!r}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
