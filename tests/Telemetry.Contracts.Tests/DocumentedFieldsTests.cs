using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

/// <summary>
/// Every field the vendors' usage-statistics documents list has a home in the v1 contract
/// (Golden/documented-fields.tsv pairs each documented field with its path).
/// </summary>
[TestFixture]
public sealed class DocumentedFieldsTests
{
    private static readonly Dictionary<string, MessageDescriptor> ReportMessages =
        UsageReport.Descriptor.Oneofs.Single().Fields.ToDictionary(f => f.MessageType.Name, f => f.MessageType);

    private static IEnumerable<TestCaseData> DocumentedFields() =>
        File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", "documented-fields.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(columns => new TestCaseData(columns[0], columns[2]).SetName($"{columns[0]}: {columns[1]}"));

    [TestCaseSource(nameof(DocumentedFields))]
    public void DocumentedField_ResolvedThroughDescriptors_Exists(string reportMessage, string path)
    {
        // Arrange
        Assert.That(ReportMessages, Does.ContainKey(reportMessage), "the report message is a UsageReport payload");
        var message = ReportMessages[reportMessage];
        FieldDescriptor? field = null;

        // Act
        foreach (var name in path.Split('.'))
        {
            Assert.That(message, Is.Not.Null, $"'{name}' follows a field that is not a message");
            field = message!.FindFieldByName(name);
            Assert.That(field, Is.Not.Null, $"{message.FullName} has no field '{name}'");
            var target = field!.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
            message = target.FieldType == FieldType.Message ? target.MessageType : null;
        }

        // Assert
        Assert.That(field, Is.Not.Null);
    }

    [Test]
    public void DocumentedFields_EveryProduct_IsCovered()
    {
        // Act
        var covered = DocumentedFields().Select(data => (string)data.Arguments[0]!).ToHashSet();

        // Assert
        Assert.That(covered, Is.SupersetOf(new[] { "MimirReport", "TempoReport", "InfluxDbReport", "CorootReport", "QdrantReport" }));
    }
}
