using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc;

/// <summary>
/// Binds handlers to the methods of one service descriptor. Every method of the descriptor must be bound, or
/// explicitly left unimplemented; otherwise the server fails at start-up, naming the method.
/// </summary>
public sealed class ServiceBinder
{
    private readonly List<ServerMethodDefinition> _methods = [];
    private readonly HashSet<string> _unimplemented = new(StringComparer.Ordinal);
    private readonly ServiceDescriptor? _descriptor;

    /// <summary>
    /// A binder for <paramref name="descriptor"/>, or, with null, a probe that only records the bound methods so
    /// that the service's descriptor can be found from them.
    /// </summary>
    internal ServiceBinder(ServiceDescriptor? descriptor)
    {
        _descriptor = descriptor;
    }

    /// <summary>The service being bound.</summary>
    public ServiceDescriptor Descriptor =>
        _descriptor ?? throw new InvalidOperationException("The service descriptor is not known yet while its methods are discovered.");

    internal IReadOnlyList<ServerMethodDefinition> Methods => _methods;

    public void AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        Validate(method, MethodType.Unary, handler);
        _methods.Add(new ServerMethodDefinition(method, runtime => new UnaryServerCallHandler<TRequest, TResponse>(method, handler, runtime)));
    }

    public void AddClientStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        Validate(method, MethodType.ClientStreaming, handler);
        _methods.Add(new ServerMethodDefinition(
            method,
            runtime => new ClientStreamingServerCallHandler<TRequest, TResponse>(method, handler, runtime)));
    }

    public void AddServerStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        Validate(method, MethodType.ServerStreaming, handler);
        _methods.Add(new ServerMethodDefinition(
            method,
            runtime => new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler, runtime)));
    }

    public void AddDuplexStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        Validate(method, MethodType.DuplexStreaming, handler);
        _methods.Add(new ServerMethodDefinition(
            method,
            runtime => new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler, runtime)));
    }

    /// <summary>
    /// Declares that a method of the descriptor is deliberately not implemented: calls to it get UNIMPLEMENTED.
    /// </summary>
    public void LeaveUnimplemented(string methodName)
    {
        if (_descriptor is not null && _descriptor.FindMethodByName(methodName) is null)
        {
            throw new InvalidOperationException($"Service {Descriptor.FullName} has no method '{methodName}'.");
        }

        _unimplemented.Add(methodName);
    }

    /// <summary>Checks that every method of the descriptor has a handler or was left unimplemented.</summary>
    internal void EnsureComplete(Type serviceType)
    {
        foreach (var methodDescriptor in Descriptor.Methods)
        {
            if (!_unimplemented.Contains(methodDescriptor.Name)
                && !_methods.Exists(m => m.Method.Name == methodDescriptor.Name))
            {
                throw new InvalidOperationException(
                    $"{serviceType.Name} does not implement {Descriptor.FullName}.{methodDescriptor.Name}: bind a handler " +
                    $"for it in Bind, or declare it with {nameof(LeaveUnimplemented)}.");
            }
        }
    }

    private void Validate<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType type, Delegate handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        if (_descriptor is null)
        {
            return;
        }

        if (method.ServiceName != Descriptor.FullName)
        {
            throw new InvalidOperationException($"Method {method.FullName} does not belong to service {Descriptor.FullName}.");
        }

        var descriptor = Descriptor.FindMethodByName(method.Name)
            ?? throw new InvalidOperationException($"Service {Descriptor.FullName} has no method '{method.Name}'.");
        var expectedType = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        if (method.Type != type || expectedType != type)
        {
            throw new InvalidOperationException(
                $"Method {method.FullName} is {expectedType} in the descriptor but bound as {type} (declared {method.Type}).");
        }

        var requestType = method.RequestParser.ParseFrom([]).Descriptor.FullName;
        var responseType = method.ResponseParser.ParseFrom([]).Descriptor.FullName;
        if (requestType != descriptor.InputType.FullName || responseType != descriptor.OutputType.FullName)
        {
            throw new InvalidOperationException(
                $"Method {method.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName} " +
                $"in the descriptor, but is declared with {requestType} and {responseType}.");
        }

        if (_methods.Exists(m => m.Method.Name == method.Name))
        {
            throw new InvalidOperationException($"Method {method.FullName} is bound twice.");
        }
    }
}
