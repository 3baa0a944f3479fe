using Google.Protobuf;
using Grpc.Core;

namespace Telemetry.Server.Grpc;

/// <summary>
/// Binds a generated service with request parsers that drop unknown fields at every depth, and that answer a
/// request that is not valid protobuf with INTERNAL. Newer clients may send
/// fields this collector does not know: their reports are accepted, but those fields never reach the buffer, since
/// the collector cannot know their privacy class. The generated stubs parse with the messages' default parsers,
/// which keep unknown fields; a service opts in with
/// <c>[BindServiceMethod(typeof(TheService), nameof(BindService))]</c> and a <c>BindService</c> that wraps the binder.
/// </summary>
internal sealed class UnknownFieldDiscardingBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Discarding(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Discarding(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Discarding(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Discarding(method), handler);

    private static Method<TRequest, TResponse> Discarding<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var parser = DiscardingParser(typeof(TRequest));
        var messageName = parser.ParseFrom(ReadOnlySpan<byte>.Empty).Descriptor.FullName;
        var requests = Marshallers.Create(
            method.RequestMarshaller.ContextualSerializer,
            context => (TRequest)Parse(parser, messageName, context));
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
    }

    /// <summary>
    /// Parses a request message; bytes that are not one answer INTERNAL naming the message type, as gRPC's other
    /// implementations do, instead of the generic UNKNOWN of a failing handler.
    /// </summary>
    private static IMessage Parse(MessageParser parser, string messageName, DeserializationContext context)
    {
        try
        {
            return parser.ParseFrom(context.PayloadAsReadOnlySequence());
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"the request is not a valid {messageName} message: {exception.Message}"));
        }
    }

    private static MessageParser DiscardingParser(Type messageType)
    {
        if (messageType.GetProperty("Parser")?.GetValue(null) is not MessageParser parser)
        {
            throw new InvalidOperationException($"{messageType} is not a generated protobuf message.");
        }

        return parser.WithDiscardUnknownFields(true);
    }
}
