// gRPC server peer (@grpc/grpc-js) serving telemetry.peertest.v1.PeerTestService for the project's client.
//
// Binds 127.0.0.1 on a free port, prints "listening <port>" and serves until stdin closes. Behaves like the C# test
// service: Echo echoes the name (INVALID_ARGUMENT for an empty one, sleeps sleep_ms first, UNKNOWN with the special
// status message for "special-status") and copies x-echo-initial into the response headers and x-echo-trailing-bin
// into the trailers; EchoStream echoes each request numbered from 1. UnservedService is not served.
'use strict';

const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const { values: args } = parseArgs({
  options: {
    proto: { type: 'string', default: path.join(__dirname, '..', '..', 'Protos', 'peer_test.proto') },
  },
});

const definition = protoLoader.loadSync(args.proto, { keepCase: false, longs: Number, defaults: true });
const v1 = grpc.loadPackageDefinition(definition).telemetry.peertest.v1;
const SPECIAL_STATUS = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';
const invalidName = { code: grpc.status.INVALID_ARGUMENT, details: 'name: must not be empty' };

const server = new grpc.Server();
server.addService(v1.PeerTestService.service, {
  Echo(call, callback) {
    if (call.request.name === 'special-status') {
      callback({ code: grpc.status.UNKNOWN, details: SPECIAL_STATUS });
      return;
    }
    const [initial] = call.metadata.get('x-echo-initial');
    if (initial !== undefined) {
      const headers = new grpc.Metadata();
      headers.set('x-echo-initial', initial);
      call.sendMetadata(headers);
    }
    const trailers = new grpc.Metadata();
    const [trailing] = call.metadata.get('x-echo-trailing-bin');
    if (trailing !== undefined) {
      trailers.set('x-echo-trailing-bin', trailing);
    }
    if (!call.request.name) {
      callback(invalidName);
      return;
    }
    const answer = () => callback(null, { name: call.request.name, sequence: 1 }, trailers);
    if (call.request.sleepMs > 0) {
      const timer = setTimeout(answer, call.request.sleepMs);
      call.on('cancelled', () => clearTimeout(timer));
    } else {
      answer();
    }
  },

  EchoStream(call) {
    let sequence = 0;
    call.on('data', (request) => {
      if (!request.name) {
        call.destroy(Object.assign(new Error(invalidName.details), invalidName));
        return;
      }
      sequence += 1;
      call.write({ name: request.name, sequence });
    });
    call.on('end', () => call.end());
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`listening ${port}`);
  process.stdin.resume();
  process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
});
