using System.Text;
using StackExchange.Redis;

namespace Telemetry.Buffer.Tests;

[TestFixture]
public sealed class BufferEntryTests
{
    [Test]
    public void TryGet_FieldsAsRedisSendsThem_ReturnsEachValueWhole()
    {
        // Arrange: a binary payload, the text fields, a field the buffer never writes, and a number (the client keeps
        // canonical integers as numbers).
        byte[] payload = [0, 255, 10, 13, 0];
        var entry = new BufferEntry("1700000000000-3",
        [
            new NameValueEntry(Encoding.UTF8.GetBytes(BufferFields.ReportId), Encoding.UTF8.GetBytes("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90")),
            new NameValueEntry(Encoding.UTF8.GetBytes(BufferFields.Report), payload),
            new NameValueEntry(Encoding.UTF8.GetBytes("extra"), Encoding.UTF8.GetBytes("ünïcode")),
            new NameValueEntry(Encoding.UTF8.GetBytes(BufferFields.Arrival), 1700000000123),
        ]);

        // Act
        var hasReport = entry.TryGet(BufferFields.Report, out var report);
        var hasProduct = entry.TryGet(BufferFields.Product, out var product);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(hasReport, Is.True);
            Assert.That(report.ToArray(), Is.EqualTo(payload));
            Assert.That(hasProduct, Is.False);
            Assert.That(product.IsEmpty, Is.True);
            Assert.That(entry.Has(BufferFields.ReportId), Is.True);
            Assert.That(entry.Text(BufferFields.ReportId), Is.EqualTo("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90"));
            Assert.That(entry.Text("extra"), Is.EqualTo("ünïcode"));
            Assert.That(entry.Text(BufferFields.Arrival), Is.EqualTo("1700000000123"));
            Assert.That(entry.Text(BufferFields.Product), Is.Null);
            Assert.That(entry.IdMilliseconds, Is.EqualTo(1700000000000));
            Assert.That(entry.TryGetInt64(BufferFields.Arrival, out var arrival) ? arrival : -1, Is.EqualTo(1700000000123));
            Assert.That(entry.TryGetInt64("extra", out _), Is.False);
            Assert.That(entry.TryGetInt64(BufferFields.Product, out _), Is.False);
        });
    }
}
