import * as grpc from "@grpc/grpc-js";
import { fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import {
  IngestReportsRequestSchema,
  IngestReportsResponseSchema,
  IngestService,
  StreamReportsRequestSchema,
  StreamReportsResponseSchema,
  type IngestReportsRequest,
  type IngestReportsResponse,
  type StreamReportsRequest,
  type StreamReportsResponse,
} from "./gen/telemetry/v1/ingest_service_pb.js";

function serialize<Desc extends DescMessage>(schema: Desc): (message: MessageShape<Desc>) => Buffer {
  return (message) => Buffer.from(toBinary(schema, message));
}

function deserialize<Desc extends DescMessage>(schema: Desc): (bytes: Buffer) => MessageShape<Desc> {
  return (bytes) => fromBinary(schema, bytes);
}

const ingestReportsPath = `/${IngestService.typeName}/${IngestService.method.ingestReports.name}`;
const streamReportsPath = `/${IngestService.typeName}/${IngestService.method.streamReports.name}`;

/**
 * The IngestService as a @grpc/grpc-js service definition, with the generated protobuf-es messages as request
 * and response types. Servers register handlers for it with `server.addService(ingestServiceDefinition, ...)`.
 */
export const ingestServiceDefinition = {
  ingestReports: {
    path: ingestReportsPath,
    requestStream: false,
    responseStream: false,
    requestSerialize: serialize(IngestReportsRequestSchema),
    requestDeserialize: deserialize(IngestReportsRequestSchema),
    responseSerialize: serialize(IngestReportsResponseSchema),
    responseDeserialize: deserialize(IngestReportsResponseSchema),
  },
  streamReports: {
    path: streamReportsPath,
    requestStream: true,
    responseStream: true,
    requestSerialize: serialize(StreamReportsRequestSchema),
    requestDeserialize: deserialize(StreamReportsRequestSchema),
    responseSerialize: serialize(StreamReportsResponseSchema),
    responseDeserialize: deserialize(StreamReportsResponseSchema),
  },
} satisfies grpc.ServiceDefinition;

/** A typed @grpc/grpc-js client of telemetry.v1.IngestService. Connects on its first call. */
export class IngestServiceClient extends grpc.Client {
  /** Calls IngestReports. */
  ingestReports(request: IngestReportsRequest, options: grpc.CallOptions = {}): Promise<IngestReportsResponse> {
    const definition = ingestServiceDefinition.ingestReports;
    return new Promise((resolve, reject) => {
      this.makeUnaryRequest(
        definition.path,
        definition.requestSerialize,
        definition.responseDeserialize,
        request,
        new grpc.Metadata(),
        options,
        (error, response) => (error || !response ? reject(error) : resolve(response)),
      );
    });
  }

  /** Opens a StreamReports call. */
  streamReports(options: grpc.CallOptions = {}): grpc.ClientDuplexStream<StreamReportsRequest, StreamReportsResponse> {
    const definition = ingestServiceDefinition.streamReports;
    return this.makeBidiStreamRequest(
      definition.path,
      definition.requestSerialize,
      definition.responseDeserialize,
      new grpc.Metadata(),
      options,
    );
  }
}
