using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

[TestFixture]
public sealed class PrivacyAnnotationTests
{
    [Test]
    public void GetPrivacy_InfluxDbIp_IsNeverStored()
    {
        // Act
        var privacy = FieldAnnotations.GetPrivacy(InfluxDbReport.Descriptor.FindFieldByName("ip"));

        // Assert
        Assert.That(privacy, Is.EqualTo(PrivacyClass.NeverStored));
    }

    [TestCase("telemetry.v1.BuildInfo", "build_user", PrivacyClass.NeverStored)]
    [TestCase("telemetry.v1.GrafanaVersion", "build_user", PrivacyClass.NeverStored)]
    [TestCase("telemetry.v1.InfluxDbQueryRequests", "org", PrivacyClass.KeyedHash)]
    [TestCase("telemetry.v1.CorootUx", "users", PrivacyClass.KeyedHash)]
    [TestCase("telemetry.v1.MimirMetrics", "ingester_inmemory_series", PrivacyClass.Rounded)]
    [TestCase("telemetry.v1.MimirReport", "target", PrivacyClass.Public)]
    [TestCase("telemetry.v1.LokiReport", "cluster_id", PrivacyClass.Public)]
    [TestCase("telemetry.v1.LokiMetrics", "values", PrivacyClass.Public)]
    [TestCase("telemetry.v1.UsageReport", "target", PrivacyClass.Public)]
    public void GetPrivacy_AnnotatedField_ReturnsItsClass(string message, string field, PrivacyClass expected)
    {
        // Arrange
        var descriptor = AllMessages().Single(m => m.FullName == message).FindFieldByName(field);

        // Act
        var privacy = FieldAnnotations.GetPrivacy(descriptor);

        // Assert
        Assert.That(privacy, Is.EqualTo(expected));
    }

    [Test]
    public void GetUnit_MemStatsPauseTotal_IsNanoseconds()
    {
        // Act
        var unit = FieldAnnotations.GetUnit(GoMemStats.Descriptor.FindFieldByName("pause_total_ns"));

        // Assert
        Assert.That(unit, Is.EqualTo("nanoseconds"));
    }

    [Test]
    public void Fields_NamedLikeAddressesPathsOrPeople_AreNeverStoredOrHashed()
    {
        // Arrange
        string[] sensitiveNames = ["ip", "address", "host", "hostname", "build_user", "user_name", "email", "dir", "path_on_disk", "uri"];

        // Act
        var exposed = AllMessages()
            .SelectMany(m => m.Fields.InDeclarationOrder())
            .Where(f => sensitiveNames.Contains(f.Name))
            .Where(f => FieldAnnotations.GetPrivacy(f) is not (PrivacyClass.NeverStored or PrivacyClass.KeyedHash))
            .Select(f => f.FullName);

        // Assert
        Assert.That(exposed, Is.Empty);
    }

    internal static IEnumerable<MessageDescriptor> AllMessages()
    {
        var seen = new HashSet<string>();
        var pending = new Stack<FileDescriptor>([IngestServiceReflection.Descriptor]);
        while (pending.TryPop(out var file))
        {
            if (!seen.Add(file.Name))
            {
                continue;
            }

            foreach (var dependency in file.Dependencies)
            {
                pending.Push(dependency);
            }

            if (file.Package != "telemetry.v1")
            {
                continue;
            }

            foreach (var message in file.MessageTypes.SelectMany(Flatten))
            {
                yield return message;
            }
        }
    }

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor message) =>
        message.NestedTypes.SelectMany(Flatten).Prepend(message);
}
