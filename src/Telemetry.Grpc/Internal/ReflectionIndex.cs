using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// Every file, symbol and extension reachable from the registered services, and the answers of server reflection
/// built from them (<c>FileDescriptor.SerializedData</c>, the file first, then its transitive dependencies).
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly List<string> _services = [];
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, int Number), FileDescriptor> _extensions = [];
    private readonly Dictionary<string, List<int>> _extensionNumbers = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            if (!_services.Contains(service.FullName))
            {
                _services.Add(service.FullName);
            }

            AddFile(service.File);
        }
    }

    public IReadOnlyList<string> Services => _services;

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(_services.Select(name => new ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, _files.GetValueOrDefault(request.FileByFilename), "File not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, _symbols.GetValueOrDefault(request.FileContainingSymbol), "Symbol not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(
                    response,
                    _extensions.GetValueOrDefault((extension.ContainingType, extension.ExtensionNumber)),
                    "Extension not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var type = request.AllExtensionNumbersOfType;
                if (_messageTypes.Contains(type))
                {
                    var numbers = new ExtensionNumberResponse { BaseTypeName = type };
                    if (_extensionNumbers.TryGetValue(type, out var found))
                    {
                        numbers.ExtensionNumber.AddRange(found.Order());
                    }

                    response.AllExtensionNumbersResponse = numbers;
                }
                else
                {
                    SetError(response, StatusCode.NotFound, "Type not found.");
                }

                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "No reflection request field was set.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>();
        pending.Enqueue(file);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            files.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        foreach (var extension in file.Extensions.UnorderedExtensions)
        {
            AddExtension(file, extension);
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _symbols.TryAdd(message.FullName, file);
        _messageTypes.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        foreach (var extension in message.Extensions.UnorderedExtensions)
        {
            AddExtension(file, extension);
        }
    }

    private void AddExtension(FileDescriptor file, FieldDescriptor extension)
    {
        _symbols.TryAdd(extension.FullName, file);
        var extendee = extension.ExtendeeType.FullName;
        if (_extensions.TryAdd((extendee, extension.FieldNumber), file))
        {
            if (!_extensionNumbers.TryGetValue(extendee, out var numbers))
            {
                _extensionNumbers[extendee] = numbers = [];
            }

            numbers.Add(extension.FieldNumber);
        }
    }

}
