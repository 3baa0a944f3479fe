import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { IngestService } from "./gen/telemetry/v1/ingest_service_pb.js";

/** A gRPC client of telemetry.v1.IngestService, typed by the generated service descriptor. */
export type IngestServiceClient = Client<typeof IngestService>;

/** An IngestService client and the HTTP/2 connection it uses. */
export interface IngestConnection {
  readonly client: IngestServiceClient;
  /** Closes the HTTP/2 connection; calls still running fail. */
  close(): void;
}

/**
 * Connects to the IngestService at `host:port` over gRPC (HTTP/2, plaintext unless `tls`), with Connect's gRPC
 * transport and the client it derives from the generated descriptor. The connection opens on the first call.
 */
export function connectIngestService(address: string, tls = false): IngestConnection {
  const baseUrl = `${tls ? "https" : "http"}://${address}`;
  const sessionManager = new Http2SessionManager(baseUrl);
  const transport = createGrpcTransport({ baseUrl, sessionManager });
  return { client: createClient(IngestService, transport), close: () => sessionManager.abort() };
}
