using System.Diagnostics.CodeAnalysis;

namespace Telemetry.Grpc;

/// <summary>Per-message write options of a stream.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The name gRPC users know.")]
public enum WriteFlags
{
    /// <summary>Flush each message and compress it when the call compresses.</summary>
    None = 0,

    /// <summary>Do not flush after this message; a later write, or the end of the call, sends it.</summary>
    BufferHint = 1,

    /// <summary>Send this message uncompressed even when the call compresses.</summary>
    NoCompress = 2,
}
