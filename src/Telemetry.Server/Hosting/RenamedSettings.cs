namespace Telemetry.Server.Hosting;

/// <summary>
/// Settings that were renamed: a configuration that still uses an old name stops the start with a message naming
/// the new one, instead of being ignored silently.
/// </summary>
internal static class RenamedSettings
{
    private static readonly Dictionary<string, string> NewNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GrpcServer:MaxReceiveMessageSize"] = "Grpc:MaxReceiveMessageSize",
        ["GrpcServer:MaxSendMessageSize"] = "Grpc:MaxSendMessageSize",
        ["GrpcServer:ResponseCompression"] = "Grpc:ResponseCompressionAlgorithm",
        ["GrpcServer:ResponseCompressionLevel"] = "Grpc:ResponseCompressionLevel",
    };

    /// <summary>Messages for every old name that <paramref name="configuration"/> sets; empty when none.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration) =>
        configuration.GetSection("GrpcServer").AsEnumerable(makePathsRelative: false)
            .Where(entry => entry.Value is not null)
            .Select(entry => NewNames.TryGetValue(entry.Key, out var newName)
                ? $"{entry.Key} was renamed: set {newName} instead."
                : $"{entry.Key} is not a setting; the gRPC server's settings are in the Grpc section (docs/configuration.md).")
            .ToList();
}
