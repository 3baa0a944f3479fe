// gRPC client peer (@grpc/grpc-js) for telemetry.peertest.v1.PeerTestService.
//
// Loads the proto at run time with @grpc/proto-loader, runs the requested checks against --target and prints one
// line per check, "PASS <check>: ..." or "FAIL <check>: ...". Exits 0 when every check passed, 1 otherwise.
'use strict';

const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const CHECKS = [
  'unary', 'bidi', 'deadline_exceeded', 'invalid_argument', 'unimplemented', 'unimplemented_method', 'metadata',
  'special_status', 'large_message', 'compression', 'bidi_error',
];

// Under and over the server's 4 MiB receive limit.
const LARGE_SIZE = 3 * 1024 * 1024;
const TOO_LARGE_SIZE = 5 * 1024 * 1024;

// The interop suite's special_status_message, sent back by the server for the name "special-status".
const SPECIAL_STATUS = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';
const TRAILING_BYTES = Buffer.from([0xab, 0xab, 0xab]);

// A method the served PeerTestService does not declare, called by raw path.
const MISSING_METHOD = '/telemetry.peertest.v1.PeerTestService/Missing';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string' },
    check: { type: 'string', default: 'all' },
    proto: { type: 'string', default: path.join(__dirname, '..', '..', 'Protos', 'peer_test.proto') },
  },
});
if (!args.target || (args.check !== 'all' && !CHECKS.includes(args.check))) {
  console.error('usage: peer_client.js --target host:port [--check <check>|all] [--proto file]');
  process.exit(2);
}

const definition = protoLoader.loadSync(args.proto, { keepCase: false, longs: Number, defaults: true });
const v1 = grpc.loadPackageDefinition(definition).telemetry.peertest.v1;
const credentials = grpc.credentials.createInsecure();
const peerTest = new v1.PeerTestService(args.target, credentials);
const unserved = new v1.UnservedService(args.target, credentials);
// grpc-js compresses per channel: gzip is compression algorithm 2.
const compressed = new v1.PeerTestService(args.target, credentials, { 'grpc.default_compression_algorithm': 2 });

const echoMethod = definition['telemetry.peertest.v1.PeerTestService'].Echo;

const deadlineIn = (milliseconds) => new Date(Date.now() + milliseconds);

function unary(client, request, milliseconds) {
  return new Promise((resolve, reject) => {
    client.Echo(request, { deadline: deadlineIn(milliseconds) }, (error, response) =>
      error ? reject(error) : resolve(response));
  });
}

async function expectError(promise, code) {
  let response;
  try {
    response = await promise;
  } catch (error) {
    if (error.code !== code) {
      throw new Error(`status ${grpc.status[error.code]} (${JSON.stringify(error.details)}), expected ${grpc.status[code]}`);
    }
    return error.details;
  }
  throw new Error(`call succeeded with ${JSON.stringify(response)}, expected ${grpc.status[code]}`);
}

const run = {
  async unary() {
    const response = await unary(peerTest, { name: 'node' }, 10000);
    if (response.name !== 'node' || response.sequence !== 1) {
      throw new Error(`unexpected response ${JSON.stringify(response)}`);
    }
    return `name=${response.name} sequence=${response.sequence}`;
  },

  async bidi() {
    const names = ['a', 'b', 'c'];
    const received = await new Promise((resolve, reject) => {
      const responses = [];
      const call = peerTest.EchoStream({ deadline: deadlineIn(10000) });
      call.on('data', (response) => responses.push([response.name, response.sequence]));
      call.on('error', reject);
      call.on('status', (status) => {
        if (status.code === grpc.status.OK) {
          resolve(responses);
        }
      });
      for (const name of names) {
        call.write({ name });
      }
      call.end();
    });
    const expected = names.map((name, i) => [name, i + 1]);
    if (JSON.stringify(received) !== JSON.stringify(expected)) {
      throw new Error(`responses ${JSON.stringify(received)}, expected ${JSON.stringify(expected)}`);
    }
    return `${received.length} echoes in order`;
  },

  async deadline_exceeded() {
    await expectError(unary(peerTest, { name: 'slow', sleepMs: 5000 }, 200), grpc.status.DEADLINE_EXCEEDED);
    return 'DEADLINE_EXCEEDED';
  },

  async invalid_argument() {
    const details = await expectError(unary(peerTest, { name: '' }, 10000), grpc.status.INVALID_ARGUMENT);
    if (!details.includes('name')) {
      throw new Error(`message ${JSON.stringify(details)} does not name the field`);
    }
    return `INVALID_ARGUMENT ${JSON.stringify(details)}`;
  },

  async unimplemented() {
    const details = await expectError(unary(unserved, { name: 'x' }, 10000), grpc.status.UNIMPLEMENTED);
    return `UNIMPLEMENTED ${JSON.stringify(details)}`;
  },

  async unimplemented_method() {
    const call = new Promise((resolve, reject) => {
      peerTest.makeUnaryRequest(
        MISSING_METHOD,
        echoMethod.requestSerialize,
        echoMethod.responseDeserialize,
        { name: 'x' },
        { deadline: deadlineIn(10000) },
        (error, response) => (error ? reject(error) : resolve(response)));
    });
    const details = await expectError(call, grpc.status.UNIMPLEMENTED);
    return `UNIMPLEMENTED ${JSON.stringify(details)}`;
  },

  async metadata() {
    const sent = new grpc.Metadata();
    sent.set('x-echo-initial', 'initial-value');
    sent.set('x-echo-trailing-bin', TRAILING_BYTES);
    const { initial, trailing } = await new Promise((resolve, reject) => {
      let initialValue;
      const call = peerTest.Echo({ name: 'node' }, sent, { deadline: deadlineIn(10000) }, (error) => {
        if (error) {
          reject(error);
        }
      });
      call.on('metadata', (received) => {
        [initialValue] = received.get('x-echo-initial');
      });
      call.on('status', (status) => {
        resolve({ initial: initialValue, trailing: status.metadata.get('x-echo-trailing-bin')[0] });
      });
    });
    if (initial !== 'initial-value' || !Buffer.isBuffer(trailing) || !trailing.equals(TRAILING_BYTES)) {
      throw new Error(`header ${JSON.stringify(initial)}, trailer ${JSON.stringify(trailing)}`);
    }
    return `header x-echo-initial=${JSON.stringify(initial)}, trailer x-echo-trailing-bin=${trailing.toString('hex')}`;
  },

  async large_message() {
    const name = 'x'.repeat(LARGE_SIZE);
    const response = await unary(peerTest, { name }, 20000);
    if (response.name !== name) {
      throw new Error(`echoed ${response.name.length} characters, expected ${LARGE_SIZE}`);
    }
    const details = await expectError(
      unary(peerTest, { name: 'x'.repeat(TOO_LARGE_SIZE) }, 20000),
      grpc.status.RESOURCE_EXHAUSTED);
    return `${LARGE_SIZE} bytes echoed; ${TOO_LARGE_SIZE} bytes: RESOURCE_EXHAUSTED ${JSON.stringify(details)}`;
  },

  async compression() {
    const name = 'compressible '.repeat(100);
    const sent = new grpc.Metadata();
    sent.set('x-compress-response', '1');
    const { response, trailers } = await new Promise((resolve, reject) => {
      let answer;
      const call = compressed.Echo({ name }, sent, { deadline: deadlineIn(10000) }, (error, received) => {
        if (error) {
          reject(error);
        }
        answer = received;
      });
      call.on('status', (status) => resolve({ response: answer, trailers: status.metadata }));
    });
    const [request] = trailers.get('x-request-compression');
    const [reply] = trailers.get('x-response-compression');
    if (!response || response.name !== name || request !== 'gzip' || reply !== 'gzip') {
      throw new Error(`echo ${response?.name === name}, request ${request}, response ${reply}`);
    }
    return 'gzip request and gzip response, echoed';
  },

  async bidi_error() {
    const received = [];
    const stream = new Promise((resolve, reject) => {
      const call = peerTest.EchoStream({ deadline: deadlineIn(10000) });
      call.on('data', (response) => received.push(response.name));
      call.on('error', reject);
      call.on('status', (status) => {
        if (status.code === grpc.status.OK) {
          resolve();
        }
      });
      call.write({ name: 'a' });
      call.write({ name: '' });
      call.end();
    });
    const details = await expectError(stream, grpc.status.INVALID_ARGUMENT);
    if (JSON.stringify(received) !== '["a"]' || !details.includes('name')) {
      throw new Error(`received ${JSON.stringify(received)}, message ${JSON.stringify(details)}`);
    }
    return `echo "a", then INVALID_ARGUMENT ${JSON.stringify(details)} in the trailers`;
  },

  async special_status() {
    const details = await expectError(unary(peerTest, { name: 'special-status' }, 10000), grpc.status.UNKNOWN);
    if (details !== SPECIAL_STATUS) {
      throw new Error(`message ${JSON.stringify(details)}, expected ${JSON.stringify(SPECIAL_STATUS)}`);
    }
    return `UNKNOWN ${JSON.stringify(details)}`;
  },
};

async function main() {
  const selected = args.check === 'all' ? CHECKS : [args.check];
  let failed = 0;
  for (const name of selected) {
    try {
      console.log(`PASS ${name}: ${await run[name]()}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}: ${error.message}`);
    }
  }
  peerTest.close();
  unserved.close();
  compressed.close();
  process.exitCode = failed ? 1 : 0;
}

main();
