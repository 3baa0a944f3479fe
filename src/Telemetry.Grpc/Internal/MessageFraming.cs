using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// Length-prefixed messages: a compressed flag (0 or 1), a 4-byte big-endian length, the message. Parses straight
/// from a <see cref="ReadOnlySequence{T}"/> and serializes straight into an <see cref="IBufferWriter{T}"/>; only
/// compressed messages pass through a temporary buffer.
/// </summary>
internal static class MessageFraming
{
    /// <summary>
    /// Takes one whole message from the front of <paramref name="buffer"/>. Returns false when more bytes are needed.
    /// The length is checked against <paramref name="maxMessageSize"/> as soon as the prefix is complete, before the
    /// body is waited for.
    /// </summary>
    /// <exception cref="RpcException">INTERNAL for a flag other than 0 or 1, RESOURCE_EXHAUSTED when too large.</exception>
    public static bool TryReadMessage(
        ref ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        out ReadOnlySequence<byte> message,
        out bool compressed)
    {
        message = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> scratch = stackalloc byte[GrpcProtocol.HeaderSize];
        scoped ReadOnlySpan<byte> header;
        var first = buffer.FirstSpan;
        if (first.Length >= GrpcProtocol.HeaderSize)
        {
            header = first[..GrpcProtocol.HeaderSize];
        }
        else
        {
            // The prefix spans segments.
            buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(scratch);
            header = scratch;
        }

        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message prefix."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxMessageSize})"));
        }

        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }

        compressed = flag == 1;
        message = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>
    /// Reads and parses the next framed message from a request or response body. Returns a null message when the body
    /// ends between messages; a body that ends inside a message is INTERNAL, naming <paramref name="body"/>
    /// ("request" or "response"). Bytes after the message stay in the reader for the next call.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(T? Message, bool Compressed)> ReadAsync<T>(
        PipeReader reader,
        MessageParser<T> parser,
        string? encoding,
        int maxMessageSize,
        string body,
        CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            if (!reader.TryRead(out var result))
            {
                result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var buffer = result.Buffer;
            var remaining = buffer;
            try
            {
                if (TryReadMessage(ref remaining, maxMessageSize, out var payload, out var compressed))
                {
                    var message = Parse(parser, payload, compressed, encoding, maxMessageSize);
                    reader.AdvanceTo(remaining.Start);
                    return (message, compressed);
                }
            }
            catch
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return (null, false);
                }

                throw new RpcException(new Status(StatusCode.Internal, $"Incomplete message: the {body} ended inside a message."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Parses a framed message, decompressing it first when its flag was set.</summary>
    public static T Parse<T>(
        MessageParser<T> parser,
        in ReadOnlySequence<byte> payload,
        bool compressed,
        string? encoding,
        int maxMessageSize)
        where T : IMessage<T>
    {
        if (!compressed)
        {
            return ParseOrThrow(parser, payload);
        }

        if (encoding is null || string.Equals(encoding, GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(
                StatusCode.Internal,
                "Compressed flag set on a message while grpc-encoding is identity or absent."));
        }

        if (!string.Equals(encoding, GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Unsupported message encoding '{encoding}'."));
        }

        var decompressed = Decompress(payload, maxMessageSize);
        try
        {
            return ParseOrThrow(parser, new ReadOnlySequence<byte>(decompressed.WrittenMemory));
        }
        finally
        {
            decompressed.Dispose();
        }
    }

    /// <summary>
    /// Parses a message; bytes that are not a valid message end the call with INTERNAL, as in grpc-go and
    /// grpc-java, naming what protobuf found wrong (the message never contains the payload itself).
    /// </summary>
    private static T ParseOrThrow<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to parse the {typeof(T).Name} message: {exception.Message}"));
        }
    }

    /// <summary>Writes one framed message, uncompressed unless <paramref name="compress"/> is set.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when larger than <paramref name="maxMessageSize"/>.</exception>
    public static void WriteMessage(
        IBufferWriter<byte> output,
        IMessage message,
        int? maxMessageSize,
        bool compress,
        CompressionLevel compressionLevel = CompressionLevel.Fastest)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxMessageSize})"));
        }

        if (!compress)
        {
            var header = output.GetSpan(GrpcProtocol.HeaderSize);
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
            output.Advance(GrpcProtocol.HeaderSize);
            if (size > 0)
            {
                message.WriteTo(output);
            }

            return;
        }

        var uncompressed = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        using var compressed = new PooledBufferWriter(Math.Max(size / 2, 256));
        try
        {
            message.WriteTo(uncompressed.AsSpan(0, size));
            using (var gzip = new GZipStream(compressed, compressionLevel, leaveOpen: true))
            {
                gzip.Write(uncompressed, 0, size);
            }

            var header = output.GetSpan(GrpcProtocol.HeaderSize);
            header[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)compressed.WrittenCount);
            output.Advance(GrpcProtocol.HeaderSize);
            output.Write(compressed.WrittenSpan);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(uncompressed);
        }
    }

    private static PooledBufferWriter Decompress(in ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        var output = new PooledBufferWriter(Math.Max((int)Math.Min(payload.Length * 4, maxMessageSize), 256));
        try
        {
            using var input = new ReadOnlySequenceStream(payload);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            while (true)
            {
                var span = output.GetSpan(8192);
                var read = gzip.Read(span);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);
                if (output.WrittenCount > maxMessageSize)
                {
                    throw new RpcException(new Status(
                        StatusCode.ResourceExhausted,
                        $"Received message larger than max ({output.WrittenCount} vs. {maxMessageSize}) after decompression"));
                }
            }

            return output;
        }
        catch (InvalidDataException ex)
        {
            output.Dispose();
            throw new RpcException(new Status(StatusCode.Internal, "Could not decompress a gzip message: " + ex.Message));
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
