using System.Buffers;
using Google.Protobuf;
using Telemetry.Grpc.Internal;
using Telemetry.Grpc.Tests.Infrastructure;
using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class MessageFramingTests
{
    private const int Max = 4 * 1024 * 1024;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(6)]
    public void TryReadMessage_PrefixSplitAcrossSegments_ReadsMessage(int splitAt)
    {
        // Arrange
        var message = new EchoRequest { Text = "split" }.ToByteArray();
        var framed = RawHttp2.Frame(0, (uint)message.Length, message);
        var buffer = Segments(framed[..splitAt], framed[splitAt..]);

        // Act
        var read = MessageFraming.TryReadMessage(ref buffer, Max, out var payload, out var compressed);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(compressed, Is.False);
            Assert.That(EchoRequest.Parser.ParseFrom(payload).Text, Is.EqualTo("split"));
            Assert.That(buffer.Length, Is.Zero);
        });
    }

    [Test]
    public void TryReadMessage_PrefixOneByteAtATime_ReadsMessage()
    {
        // Arrange
        var framed = RawHttp2.Frame(0, 3, [1, 2, 3]);
        var buffer = Segments([.. framed.Select(b => new[] { b })]);

        // Act
        var read = MessageFraming.TryReadMessage(ref buffer, Max, out var payload, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(payload.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(7)]
    public void TryReadMessage_Incomplete_ReturnsFalseAndKeepsBuffer(int available)
    {
        // Arrange
        var framed = RawHttp2.Frame(0, 3, [1, 2, 3]);
        var buffer = new ReadOnlySequence<byte>(framed[..available]);

        // Act
        var read = MessageFraming.TryReadMessage(ref buffer, Max, out _, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.False);
            Assert.That(buffer.Length, Is.EqualTo(available));
        });
    }

    [Test]
    public void TryReadMessage_TwoMessagesInOneSegment_ReadsBothInOrder()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([.. RawHttp2.Frame(0, 1, [7]), .. RawHttp2.Frame(0, 0, [])]);

        // Act
        var first = MessageFraming.TryReadMessage(ref buffer, Max, out var firstPayload, out _);
        var firstBytes = firstPayload.ToArray();
        var second = MessageFraming.TryReadMessage(ref buffer, Max, out var secondPayload, out _);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first && second, Is.True);
            Assert.That(firstBytes, Is.EqualTo(new byte[] { 7 }));
            Assert.That(secondPayload.Length, Is.Zero);
            Assert.That(buffer.Length, Is.Zero);
        });
    }

    [Test]
    public void TryReadMessage_LengthOverMax_ThrowsResourceExhaustedWithPrefixOnly()
    {
        // Arrange: only the prefix is there; the check must not wait for the body.
        var buffer = new ReadOnlySequence<byte>(RawHttp2.Frame(0, 1025, []));

        // Act
        var error = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, 1024, out _, out _));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
            Assert.That(error.Status.Detail, Is.EqualTo("Received message larger than max (1025 vs. 1024)"));
        });
    }

    [TestCase((byte)2)]
    [TestCase((byte)0x80)]
    [TestCase((byte)0xff)]
    public void TryReadMessage_InvalidCompressedFlag_ThrowsInternal(byte flag)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(RawHttp2.Frame(flag, 0, []));

        // Act
        var error = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, Max, out _, out _));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [TestCase(null)]
    [TestCase("identity")]
    public void Parse_CompressedFlagWithoutEncoding_ThrowsInternal(string? encoding)
    {
        // Act
        var error = Assert.Throws<RpcException>(() => MessageFraming.Parse(EchoRequest.Parser, new ReadOnlySequence<byte>([1]), true, encoding, Max));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [Test]
    public void WriteMessage_Uncompressed_WritesPrefixThenMessage()
    {
        // Arrange
        var message = new EchoRequest { Text = "abc" };
        var output = new ArrayBufferWriter<byte>();

        // Act
        MessageFraming.WriteMessage(output, message, null, compress: false);

        // Assert
        var expected = RawHttp2.Frame(0, (uint)message.CalculateSize(), message.ToByteArray());
        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void WriteMessage_EmptyMessage_WritesFiveZeroBytes()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        MessageFraming.WriteMessage(output, new EchoRequest(), null, compress: false);

        // Assert
        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(new byte[5]));
    }

    [Test]
    public void WriteMessage_OverSendMax_ThrowsResourceExhausted()
    {
        // Act
        var error = Assert.Throws<RpcException>(() =>
            MessageFraming.WriteMessage(new ArrayBufferWriter<byte>(), new EchoRequest { Text = "too long" }, 4, compress: false));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public void WriteMessage_Compressed_RoundTripsThroughParse()
    {
        // Arrange
        var message = new EchoRequest { Text = new string('z', 10_000) };
        var output = new ArrayBufferWriter<byte>();

        // Act
        MessageFraming.WriteMessage(output, message, null, compress: true);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var read = MessageFraming.TryReadMessage(ref buffer, Max, out var payload, out var compressed);
        var parsed = MessageFraming.Parse(EchoRequest.Parser, payload, compressed, "gzip", Max);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read && compressed, Is.True);
            Assert.That(payload.Length, Is.LessThan(message.CalculateSize()));
            Assert.That(parsed, Is.EqualTo(message));
        });
    }

    [Test]
    public void Parse_DecompressedLargerThanMax_ThrowsResourceExhausted()
    {
        // Arrange: a small gzip body that inflates past the limit.
        var output = new ArrayBufferWriter<byte>();
        MessageFraming.WriteMessage(output, new EchoRequest { Text = new string('z', 100_000) }, null, compress: true);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        MessageFraming.TryReadMessage(ref buffer, Max, out var payload, out _);

        // Act
        var error = Assert.Throws<RpcException>(() => MessageFraming.Parse(EchoRequest.Parser, payload, true, "gzip", 10_000));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
