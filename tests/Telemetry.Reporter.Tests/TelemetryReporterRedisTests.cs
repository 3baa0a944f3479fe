using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Reporter.Hosting;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Redis;
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
        var replicas = transports.Select(transport => Replica(new TelemetryReporterOptions
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
            transport, time)).ToList();
        try
        {
            // Act
            await replicas[0].Reporter.PreviewAsync(cancellationToken);
            time.Advance(TimeSpan.FromMinutes(20));
            foreach (var (replica, _) in replicas)
            {
                await replica.StartAsync(cancellationToken);
            }

            await replicas[1].Reporter.PreviewAsync(cancellationToken);
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
            foreach (var (replica, store) in replicas)
            {
                await replica.DisposeAsync();
                await ((IAsyncDisposable)store).DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Create_RedisIdentityWithoutItsStore_FailsNamingThePackage()
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "clusterapp", IdentityStore = IdentityStoreKind.Redis, RedisConfiguration = _redis.ConnectionString };

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => TelemetryReporter.Create(options));

        // Assert
        Assert.That(exception!.Message, Does.Contain("Telemetry.Reporter.Redis"));
    }

    [Test]
    [CancelAfter(15000)]
    public async Task AddTelemetryReporterRedisIdentityStore_Host_ReportsTheClusterSeedOfRedis(CancellationToken cancellationToken)
    {
        // Arrange: two hosts of one cluster.
        var key = "telemetry:v1:test:" + TestContext.CurrentContext.Test.FullName;
        var providers = Enumerable.Range(0, 2).Select(_ =>
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddTelemetryReporter(o =>
            {
                o.Product = "clusterapp";
                o.IdentityStore = IdentityStoreKind.Redis;
                o.RedisConfiguration = _redis.ConnectionString;
                o.RedisSeedKey = key;
                o.CommandLineArguments = [];
            });
            services.AddTelemetryReporterRedisIdentityStore();
            return services.BuildServiceProvider();
        }).ToList();

        // Act
        var previews = new List<ReportPreview>();
        foreach (var provider in providers)
        {
            previews.Add(await provider.GetRequiredService<TelemetryReporter>().PreviewAsync(cancellationToken));
        }

        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(previews[0].Report.Instance.ClusterId, Is.Not.Empty);
            Assert.That(previews[1].Report.Instance.ClusterId, Is.EqualTo(previews[0].Report.Instance.ClusterId));
        });
    }

    /// <summary>A replica with the Redis identity store of its own options, as RedisIdentityStores creates it.</summary>
    private static (TelemetryReporter Reporter, IInstanceIdentityStore Store) Replica(TelemetryReporterOptions options, RecordingTransport transport, ManualTimeProvider time)
    {
        var store = RedisIdentityStores.FromOptions(options, time);
        return (TelemetryReporter.CreateCore(options, null, new CountingTransportFactory(_ => transport), store, null, time, _ => null), store);
    }
}
