namespace Telemetry.Grpc.Internal;

/// <summary>A bound method, turned into its call handler once the server's options are known.</summary>
internal sealed record ServerMethodDefinition(IMethod Method, Func<ServerRuntime, ServerCallHandler> CreateHandler);
