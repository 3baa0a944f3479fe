using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;

namespace Telemetry.Insights.Internal;

/// <summary>
/// Stores the contract's messages in the shared cache in their protobuf encoding, which every replica reads back
/// exactly (HybridCache would otherwise use System.Text.Json, which does not know protobuf's field presence).
/// </summary>
internal sealed class ProtobufCacheSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(IMessage).IsAssignableFrom(typeof(T))
            ? (IHybridCacheSerializer<T>)Activator.CreateInstance(typeof(Serializer<>).MakeGenericType(typeof(T)))!
            : null;
        return serializer is not null;
    }

    private sealed class Serializer<T> : IHybridCacheSerializer<T>
        where T : IMessage<T>, new()
    {
        private static readonly MessageParser<T> Parser = new(() => new T());

        public T Deserialize(ReadOnlySequence<byte> source) => Parser.ParseFrom(source);

        public void Serialize(T value, IBufferWriter<byte> target) => value.WriteTo(target);
    }
}
