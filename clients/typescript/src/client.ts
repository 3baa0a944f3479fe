import * as grpc from "@grpc/grpc-js";
import { fromBinary, toBinary, type DescMessage, type DescService, type MessageShape } from "@bufbuild/protobuf";
import {
  IngestService,
  type IngestReportsRequest,
  type IngestReportsResponse,
  type StreamReportsRequest,
  type StreamReportsResponse,
} from "./gen/telemetry/v1/ingest_service_pb.js";

/**
 * A @grpc/grpc-js service definition built from a service descriptor that protoc-gen-es generated: paths, streaming
 * kinds and the (de)serializers of every method come from the contract, none is written by hand.
 */
export function grpcServiceDefinition(service: DescService): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<MessageShape<DescMessage>, MessageShape<DescMessage>>> = {};
  for (const method of service.methods) {
    definition[method.localName] = {
      path: `/${service.typeName}/${method.name}`,
      requestStream: method.methodKind === "client_streaming" || method.methodKind === "bidi_streaming",
      responseStream: method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming",
      requestSerialize: (message: MessageShape<DescMessage>) => Buffer.from(toBinary(method.input, message)),
      requestDeserialize: (bytes: Buffer) => fromBinary(method.input, bytes),
      responseSerialize: (message: MessageShape<DescMessage>) => Buffer.from(toBinary(method.output, message)),
      responseDeserialize: (bytes: Buffer) => fromBinary(method.output, bytes),
    };
  }

  return definition;
}

/**
 * The IngestService as a @grpc/grpc-js service definition, from its generated descriptor. Servers register handlers
 * for it with `server.addService(ingestServiceDefinition, ...)`.
 */
export const ingestServiceDefinition = grpcServiceDefinition(IngestService);

/** A typed @grpc/grpc-js client of telemetry.v1.IngestService. Connects on its first call. */
export class IngestServiceClient extends grpc.Client {
  /** Calls IngestReports. */
  ingestReports(request: IngestReportsRequest, options: grpc.CallOptions = {}): Promise<IngestReportsResponse> {
    const definition = ingestServiceDefinition.ingestReports as grpc.MethodDefinition<IngestReportsRequest, IngestReportsResponse>;
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
    const definition = ingestServiceDefinition.streamReports as grpc.MethodDefinition<StreamReportsRequest, StreamReportsResponse>;
    return this.makeBidiStreamRequest(
      definition.path,
      definition.requestSerialize,
      definition.responseDeserialize,
      new grpc.Metadata(),
      options,
    );
  }
}
