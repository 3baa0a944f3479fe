using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Testing;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>The messages of the benchmark, shared by the servers and the clients.</summary>
internal static class Payloads
{
    /// <summary>Size of the payload body in both directions of the 100-byte unary call.</summary>
    public const int UnaryBodySize = 100;

    /// <summary>Size of the payload body of each streamed message.</summary>
    public const int StreamBodySize = 16;

    public static readonly SimpleResponse UnaryResponse = new()
    {
        Payload = new Payload { Body = ByteString.CopyFrom(new byte[UnaryBodySize]) },
    };

    public static readonly StreamingOutputCallRequest StreamRequest = new()
    {
        Payload = new Payload { Body = ByteString.CopyFrom(new byte[StreamBodySize]) },
    };

    /// <summary>One length-prefixed, uncompressed gRPC message.</summary>
    public static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }
}
