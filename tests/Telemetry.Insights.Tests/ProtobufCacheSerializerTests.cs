using System.Buffers;
using Telemetry.Insights.Internal;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>Answers stored in the shared cache come back exactly, field presence included.</summary>
[TestFixture]
public sealed class ProtobufCacheSerializerTests
{
    [Test]
    public void RoundTrip_AdoptionWithWithheldPoint_KeepsPresence()
    {
        var answer = new GetFeatureAdoptionResponse
        {
            Points =
            {
                new FeatureAdoption { Bucket = "2026-11-30", Active = 12, Adopted = 0, Share = 0 },
                new FeatureAdoption { Bucket = "2026-12-01", Active = 7 },
            },
        };
        Assert.That(new ProtobufCacheSerializerFactory().TryCreateSerializer<GetFeatureAdoptionResponse>(out var serializer), Is.True);
        var buffer = new ArrayBufferWriter<byte>();

        serializer!.Serialize(answer, buffer);
        var read = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(answer));
            Assert.That(read.Points[0].HasAdopted, Is.True, "a zero adoption is an answer");
            Assert.That(read.Points[1].HasAdopted, Is.False, "a withheld adoption stays withheld");
        });
    }

    [Test]
    public void TryCreateSerializer_NotAMessage_LeavesItToTheDefault()
    {
        Assert.That(new ProtobufCacheSerializerFactory().TryCreateSerializer<string>(out _), Is.False);
    }
}
