using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Reporter.Tests.TestObjects;
using Telemetry.Testing;

namespace Telemetry.Reporter.Tests;

[TestFixture]
public sealed class TelemetryReporterRedisTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _redis.DisposeAsync();

    [Test]
    [CancelAfter(15000)]
    public async Task StartAsync_TwoReplicasWithRedisIdentity_ReportOneClusterAndAlignedSlots(CancellationToken cancellationToken)
    {
        // Arrange: two replicas of one cluster, started at different times, each with its own connection.
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var key = "telemetry:v1:test:" + TestContext.CurrentContext.Test.FullName;
        var directory = Directory.CreateTempSubdirectory("telemetry-replicas-").FullName;
        var transports = new[] { new RecordingTransport(time), new RecordingTransport(time) };
        var replicas = transports.Select(transport => TelemetryReporter.CreateCore(
            new TelemetryReporterOptions
            {
                Product = "clusterapp",
                IdentityStore = IdentityStoreKind.Redis,
                RedisConfiguration = _redis.ConnectionString,
                RedisSeedKey = key,
                DataDirectory = directory,
                Schedule = ReportScheduleMode.Aligned,
                Interval = TimeSpan.FromHours(1),
                Jitter = TimeSpan.Zero,
                CommandLineArguments = [],
            },
            null, new CountingTransportFactory(_ => transport), null, null, time, _ => null)).ToList();
        try
        {
            // Act
            await replicas[0].PreviewAsync(cancellationToken);
            time.Advance(TimeSpan.FromMinutes(20));
            foreach (var replica in replicas)
            {
                await replica.StartAsync(cancellationToken);
            }

            await replicas[1].PreviewAsync(cancellationToken);
            time.Advance(TimeSpan.FromMinutes(40));
            var sent = await Task.WhenAll(transports.Select(t => t.NextAsync(cancellationToken)));

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(sent[0].Report.Instance.ClusterId, Is.Not.Empty);
                Assert.That(sent[1].Report.Instance.ClusterId, Is.EqualTo(sent[0].Report.Instance.ClusterId));
                Assert.That(sent[1].Report.Instance.InstanceId, Is.Not.EqualTo(sent[0].Report.Instance.InstanceId));
                Assert.That(sent[1].Report.Instance.CreatedTime, Is.EqualTo(sent[0].Report.Instance.CreatedTime));
                Assert.That(sent[0].Report.Instance.IntervalStartTime.ToDateTimeOffset(), Is.EqualTo(ManualTimeProvider.DefaultStart.AddHours(1)));
                Assert.That(sent[1].Report.Instance.IntervalStartTime, Is.EqualTo(sent[0].Report.Instance.IntervalStartTime));
            });
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
