using Google.Protobuf.Reflection;
using Telemetry.Contracts.Methods;
using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

/// <summary>The hand-written method tables match the generated service descriptors, so a new RPC cannot go unhandled.</summary>
[TestFixture]
public sealed class ServiceMethodsTests
{
    private static IEnumerable<TestCaseData> Services()
    {
        yield return new TestCaseData(
            IngestServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("IngestService"),
            new IMethod[] { IngestServiceMethods.IngestReports, IngestServiceMethods.StreamReports })
            .SetName("IngestService");
        yield return new TestCaseData(
            AdminServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AdminService"),
            new IMethod[] { AdminServiceMethods.DeleteInstanceData, AdminServiceMethods.ExportInstanceData })
            .SetName("AdminService");
    }

    [TestCaseSource(nameof(Services))]
    public void MethodTable_ComparedWithDescriptor_MatchesEveryMethod(ServiceDescriptor descriptor, IMethod[] methods)
    {
        // Arrange
        var expected = descriptor.Methods
            .Select(m => ($"/{descriptor.FullName}/{m.Name}", TypeOf(m), m.InputType.ClrType, m.OutputType.ClrType));

        // Act
        var actual = methods.Select(m => (m.FullName, m.Type, RequestType(m), ResponseType(m)));

        // Assert
        Assert.That(actual, Is.EquivalentTo(expected));
    }

    private static MethodType TypeOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        _ => MethodType.DuplexStreaming,
    };

    private static Type RequestType(IMethod method) => method.GetType().GetGenericArguments()[0];

    private static Type ResponseType(IMethod method) => method.GetType().GetGenericArguments()[1];
}
