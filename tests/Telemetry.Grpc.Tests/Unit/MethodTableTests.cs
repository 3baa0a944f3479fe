using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Grpc.Testing;
using Telemetry.Grpc.Tests.Interop;
using Telemetry.Grpc.Tests.TestObjects;
using Telemetry.Grpctest.V1;
using ReflectionV1 = Grpc.Reflection.V1.ReflectionReflection;
using ReflectionV1Alpha = Grpc.Reflection.V1Alpha.ReflectionReflection;

namespace Telemetry.Grpc.Tests.Unit;

/// <summary>The hand-written method tables match the generated service descriptors, so a new RPC cannot go unnoticed.</summary>
[TestFixture]
public sealed class MethodTableTests
{
    public static IEnumerable<TestCaseData> Tables =>
    [
        new TestCaseData(HealthReflection.Descriptor.Services[0], typeof(HealthMethods)).SetArgDisplayNames("Health"),
        new TestCaseData(ReflectionV1.Descriptor.Services[0], typeof(ReflectionMethods)).SetArgDisplayNames("ReflectionV1"),
        new TestCaseData(ReflectionV1Alpha.Descriptor.Services[0], typeof(ReflectionMethods)).SetArgDisplayNames("ReflectionV1Alpha"),
        new TestCaseData(TestReflection.Descriptor.Services.Single(s => s.Name == "TestService"), typeof(TestServiceMethods)).SetArgDisplayNames("TestService"),
        new TestCaseData(WireTestReflection.Descriptor.Services[0], typeof(WireTestMethods)).SetArgDisplayNames("WireTestService"),
    ];

    [TestCaseSource(nameof(Tables))]
    public void MethodTable_EveryDescriptorMethod_IsDeclaredWithSameShapeAndTypes(ServiceDescriptor service, Type table)
    {
        // Arrange
        var declared = table.GetFields()
            .Select(field => field.GetValue(null))
            .OfType<IMethod>()
            .Where(method => method.ServiceName == service.FullName)
            .ToDictionary(method => method.Name);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(declared.Keys, Is.EquivalentTo(service.Methods.Select(m => m.Name)));
            foreach (var descriptor in service.Methods.Where(m => declared.ContainsKey(m.Name)))
            {
                var method = declared[descriptor.Name];
                var types = method.GetType().GetGenericArguments();
                Assert.That(method.Type, Is.EqualTo(ExpectedType(descriptor)), descriptor.FullName);
                Assert.That(method.FullName, Is.EqualTo($"/{service.FullName}/{descriptor.Name}"));
                Assert.That(Descriptor(types[0]).FullName, Is.EqualTo(descriptor.InputType.FullName), descriptor.FullName);
                Assert.That(Descriptor(types[1]).FullName, Is.EqualTo(descriptor.OutputType.FullName), descriptor.FullName);
            }
        });
    }

    private static MethodType ExpectedType(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    private static MessageDescriptor Descriptor(Type messageType) =>
        (MessageDescriptor)messageType.GetProperty("Descriptor")!.GetValue(null)!;
}
