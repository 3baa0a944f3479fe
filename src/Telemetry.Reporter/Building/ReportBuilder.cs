using Google.Protobuf.WellKnownTypes;
using Telemetry.Contracts.Privacy;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Runtime;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// Builds anonymized reports. Previews and sends use this one path, so a preview shows exactly what a send
/// carries.
/// </summary>
internal sealed class ReportBuilder
{
    /// <summary>The report schema version of telemetry.v1.</summary>
    public const uint SchemaVersion = 1;

    private readonly TelemetryReporterOptions _options;
    private readonly MetricRegistry _registry;
    private readonly RuntimeCollector _runtime;
    private readonly BuildInfo _build;
    private readonly IPayloadBuilder _payload;
    private readonly Action<UsageReport>? _configure;
    private readonly string _processInstanceId = Guid.NewGuid().ToString("D");
    private (InstallationIdentity Identity, ReportAnonymizer Anonymizer)? _anonymizer;

    public ReportBuilder(
        TelemetryReporterOptions options, MetricRegistry registry, RuntimeCollector runtime, BuildInfo build,
        Action<UsageReport>? configure = null)
    {
        _configure = configure;
        _options = options;
        _registry = registry;
        _runtime = runtime;
        _build = build;
        _payload = PayloadBuilders.For(options.Product);
    }

    /// <summary>
    /// Builds and anonymizes the report for <paramref name="slot"/>. With <paramref name="commit"/> the report will
    /// be sent and its counter amounts become pending; without, it is a preview and changes nothing. A reshape runs
    /// after the application's callbacks, before anonymization (crash reports).
    /// </summary>
    public (UsageReport Report, RegistrySnapshot Snapshot) Build(
        InstallationIdentity identity, DateTimeOffset slot, string reportId, bool commit, Action<UsageReport>? reshape = null)
    {
        var snapshot = _registry.Capture(commit);
        var environment = _runtime.BuildEnvironment(snapshot.Time);
        if (commit)
        {
            _runtime.OnCaptured();
        }

        var instance = new InstanceIdentity
        {
            CreatedTime = Timestamp.FromDateTimeOffset(identity.CreatedAt),
            IntervalStartTime = Timestamp.FromDateTimeOffset(slot),
            IntervalPeriod = Duration.FromTimeSpan(_options.Interval),
        };
        if (identity.Scope == IdentityScope.Cluster)
        {
            // Replicas share the cluster ID; a random ID per process lets the collector count them.
            instance.ClusterId = identity.Id;
            instance.InstanceId = _processInstanceId;
        }
        else
        {
            instance.InstanceId = identity.Id;
        }

        var report = new UsageReport
        {
            ReportId = reportId,
            SchemaVersion = SchemaVersion,
            Instance = instance,
            Build = _build.Clone(),
            Environment = environment,
            Target = _options.Target,
            Edition = _options.Edition,
            ReportTime = Timestamp.FromDateTimeOffset(snapshot.Time),
        };
        _payload.Build(report, new ReportBuildContext(_options, identity, slot, snapshot, environment, _build));

        // The application's own fields go in before anonymization, so they obey the privacy rules like the rest.
        _configure?.Invoke(report);
        reshape?.Invoke(report);
        AnonymizerFor(identity).Apply(report);
        return (report, snapshot);
    }

    private ReportAnonymizer AnonymizerFor(InstallationIdentity identity)
    {
        var current = _anonymizer;
        if (current is { } cached && ReferenceEquals(cached.Identity, identity))
        {
            return cached.Anonymizer;
        }

        var anonymizer = new ReportAnonymizer(identity.Secret);
        _anonymizer = (identity, anonymizer);
        return anonymizer;
    }
}
