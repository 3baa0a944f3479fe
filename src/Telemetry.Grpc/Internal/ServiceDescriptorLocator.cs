using System.Reflection;
using Google.Protobuf.Reflection;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// Finds a service's descriptor from the methods it binds: protoc generates a static <c>Descriptor</c> property of
/// type <see cref="FileDescriptor"/> for every file, in the assembly that also holds the file's messages.
/// </summary>
internal static class ServiceDescriptorLocator
{
    public static ServiceDescriptor Find(Type serviceType, IReadOnlyList<ServerMethodDefinition> methods)
    {
        var serviceNames = methods.Select(m => m.Method.ServiceName).Distinct(StringComparer.Ordinal).ToList();
        if (serviceNames.Count != 1)
        {
            throw new InvalidOperationException(
                $"{serviceType.Name} binds methods of {serviceNames.Count} services; bind one service, or pass its descriptor to AddService.");
        }

        var serviceName = serviceNames[0];
        var assemblies = methods
            .SelectMany(m => m.Method.GetType().GetGenericArguments())
            .Select(t => t.Assembly)
            .Append(serviceType.Assembly)
            .Distinct();
        foreach (var assembly in assemblies)
        {
            foreach (var file in FileDescriptors(assembly))
            {
                if (file.Services.FirstOrDefault(s => s.FullName == serviceName) is { } found)
                {
                    return found;
                }
            }
        }

        throw new InvalidOperationException(
            $"No generated descriptor of service {serviceName} was found for {serviceType.Name}; pass it to AddService.");
    }

    private static IEnumerable<FileDescriptor> FileDescriptors(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = [.. ex.Types.OfType<Type>()];
        }

        foreach (var type in types)
        {
            if (type.IsClass && type.IsAbstract && type.IsSealed
                && type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static) is { PropertyType: var propertyType } property
                && propertyType == typeof(FileDescriptor)
                && property.GetValue(null) is FileDescriptor file)
            {
                yield return file;
            }
        }
    }
}
