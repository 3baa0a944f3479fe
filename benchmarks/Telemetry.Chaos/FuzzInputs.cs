using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Chaos;

/// <summary>One hostile request: its body, content type, what kind of input it is and the gRPC statuses it may get.</summary>
internal sealed record FuzzInput(string Kind, byte[] Body, string ContentType, IReadOnlySet<string> Allowed);

/// <summary>
/// Generates hostile inputs from a seed, so a failing run can be repeated: byte mutations of valid protobuf requests
/// (flips, truncations, insertions, deletions), malformed gRPC framing, wrong content types, oversize and truncated
/// bodies. Each comes with the statuses a correct collector may answer.
/// </summary>
internal sealed class FuzzInputs(int seed)
{
    /// <summary>The collector's default <c>Grpc:MaxReceiveMessageSize</c>.</summary>
    private const int MaxMessageSize = 4 * 1024 * 1024;

    private static readonly string[] WrongContentTypes =
        ["application/grpc+json", "application/json", "text/plain", "application/grpc-web", "application/grpc+thrift", "application/octet-stream"];

    // OK (each report answered), INVALID_ARGUMENT (empty or bad batch), INTERNAL (not protobuf, bad framing).
    private static readonly HashSet<string> MutationStatuses = ["0", "3", "13"];
    private static readonly HashSet<string> FramingStatuses = ["2", "3", "13", "8"];
    private static readonly HashSet<string> ContentTypeStatuses = ["415"];
    private static readonly HashSet<string> OversizeStatuses = ["8"];
    private static readonly HashSet<string> TruncatedStatuses = ["13"];

    private readonly Random _random = new(seed);

    public FuzzInput Next()
    {
        var pick = _random.Next(100);
        return pick switch
        {
            < 70 => Mutation(),
            < 80 => Framing(),
            < 90 => WrongContentType(),
            < 95 => Truncated(),
            _ => Oversize(),
        };
    }

    private FuzzInput Mutation()
    {
        var payload = ValidRequest().ToByteArray();
        var mutations = 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            payload = _random.Next(4) switch
            {
                0 => Flip(payload),
                1 => payload[..Math.Max(1, _random.Next(payload.Length))],
                2 => Insert(payload),
                _ => Delete(payload),
            };
        }

        return new FuzzInput("protobuf mutation", Frame(payload), "application/grpc", MutationStatuses);
    }

    private FuzzInput Framing()
    {
        var payload = ValidRequest().ToByteArray();
        var framed = Frame(payload);
        switch (_random.Next(3))
        {
            case 0:
                framed[0] = (byte)(2 + _random.Next(254));
                break;
            case 1:
                framed[0] = 1;
                break;
            default:
                BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), payload.Length + 1 + _random.Next(1000));
                break;
        }

        return new FuzzInput("malformed framing", framed, "application/grpc", FramingStatuses);
    }

    private FuzzInput WrongContentType() =>
        new("wrong content type", Frame(ValidRequest().ToByteArray()), WrongContentTypes[_random.Next(WrongContentTypes.Length)], ContentTypeStatuses);

    private FuzzInput Truncated()
    {
        var framed = Frame(ValidRequest().ToByteArray());
        return new FuzzInput("truncated body", framed[..(1 + _random.Next(framed.Length - 1))], "application/grpc", TruncatedStatuses);
    }

    private FuzzInput Oversize()
    {
        // Only the prefix claims the oversize length: the collector must refuse it without reading (or buffering) it.
        var framed = new byte[5 + 1024];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), MaxMessageSize + 1 + _random.Next(int.MaxValue - MaxMessageSize - 1));
        return new FuzzInput("oversize body", framed, "application/grpc", OversizeStatuses);
    }

    private byte[] Flip(byte[] payload)
    {
        var copy = (byte[])payload.Clone();
        copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        return copy;
    }

    private byte[] Insert(byte[] payload)
    {
        var at = _random.Next(payload.Length + 1);
        var extra = new byte[1 + _random.Next(8)];
        _random.NextBytes(extra);
        return [.. payload[..at], .. extra, .. payload[at..]];
    }

    private byte[] Delete(byte[] payload)
    {
        if (payload.Length < 2)
        {
            return payload;
        }

        var at = _random.Next(payload.Length - 1);
        var count = 1 + _random.Next(Math.Min(8, payload.Length - at - 1));
        return [.. payload[..at], .. payload[(at + count)..]];
    }

    private IngestReportsRequest ValidRequest()
    {
        var request = new IngestReportsRequest();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            request.Reports.Add(new UsageReport
            {
                ReportId = Guid.NewGuid().ToString(),
                SchemaVersion = 1,
                Instance = new InstanceIdentity { InstanceId = Guid.NewGuid().ToString() },
                ReportTime = Timestamp.FromDateTime(DateTime.UtcNow),
                Generic = new GenericReport
                {
                    Product = "fuzz",
                    Metrics =
                    {
                        ["requests"] = new MetricValue { Counter = new Counter { Total = 5, Rate = 0.1 } },
                        ["latency"] = new MetricValue { Histogram = new Histogram { Bounds = { 0.1, 1 }, Counts = { 1, 2, 3 }, Sum = 4, Count = 6 } },
                        ["name"] = new MetricValue { StringValue = "value" },
                    },
                },
            });
        }

        return request;
    }

    private static byte[] Frame(byte[] payload)
    {
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }
}
