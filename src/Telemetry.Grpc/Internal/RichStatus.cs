using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// <c>grpc-status-details-bin</c>: a serialized <c>google.rpc.Status {int32 code = 1; string message = 2;
/// repeated google.protobuf.Any details = 3;}</c>, written by hand because Google.Protobuf lacks google/rpc.
/// </summary>
internal static class RichStatus
{
    public const string HeaderName = "grpc-status-details-bin";

    public static byte[] Serialize(Status status, IReadOnlyList<Any> details)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        if (status.StatusCode != StatusCode.Ok)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32((int)status.StatusCode);
        }

        if (status.Detail.Length > 0)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(status.Detail);
        }

        foreach (var detail in details)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(detail);
        }

        output.Flush();
        return stream.ToArray();
    }

    public static bool TryParse(byte[] bytes, out int code, out string message, out IReadOnlyList<Any> details)
    {
        code = 0;
        message = string.Empty;
        var list = new List<Any>();
        details = list;
        try
        {
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case 8:
                        code = input.ReadInt32();
                        break;
                    case 18:
                        message = input.ReadString();
                        break;
                    case 26:
                        var any = new Any();
                        input.ReadMessage(any);
                        list.Add(any);
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
