namespace Telemetry.Grpc;

/// <summary>The rest of a call: the next interceptor, or reading the request, the handler and writing the response.</summary>
public delegate Task ServerCallContinuation(ServerCallContext context);
