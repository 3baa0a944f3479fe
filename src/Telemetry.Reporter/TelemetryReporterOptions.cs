using System.Reflection;
using Telemetry.V1;

namespace Telemetry.Reporter;

/// <summary>Configuration of the usage reporter, bound from the <c>TelemetryReporter</c> section.</summary>
/// <remarks>Validated when the reporter starts; an invalid value stops the start with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.</remarks>
public sealed class TelemetryReporterOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TelemetryReporter";

    /// <summary>Whether reporting is on. Defaults to <see langword="true"/>; <see langword="false"/> means no connection is ever opened.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The product, lower-case (<c>[a-z][a-z0-9_-]{0,63}</c>): <c>mimir</c>, <c>tempo</c>, <c>influxdb</c>,
    /// <c>coroot</c> and <c>qdrant</c> fill their own payload from the metrics; any other name sends a generic report.
    /// Required.
    /// </summary>
    public string Product { get; set; } = string.Empty;

    /// <summary>The role or deployment mode of the process, such as <c>all</c> or <c>ingester</c>. Defaults to empty.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>The product edition, such as <c>oss</c>. Defaults to empty.</summary>
    public string Edition { get; set; } = string.Empty;

    /// <summary>The collector's address, used by network transports. Defaults to <see langword="null"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The ingest key the collector expects for this product, sent as <c>x-ingest-key</c> metadata by
    /// <see cref="Transport.GrpcReportTransport"/>. Defaults to <see langword="null"/>: no key is sent.
    /// </summary>
    public string? IngestKey { get; set; }

    /// <summary>
    /// Logs each report (event <c>DryRunReport</c>) instead of sending it; no transport is created. Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>Time between reports. Defaults to 4 hours; at least 1 second.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Largest random delay added to each slot, so replicas do not report at the same instant; the report still
    /// names its slot. Defaults to 1 minute; less than <see cref="Interval"/>.
    /// </summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When reports are sent. Defaults to <see cref="ReportScheduleMode.Aligned"/>.</summary>
    public ReportScheduleMode Schedule { get; set; } = ReportScheduleMode.Aligned;

    /// <summary>Where the identity comes from. Defaults to <see cref="IdentityStoreKind.File"/>.</summary>
    public IdentityStoreKind IdentityStore { get; set; } = IdentityStoreKind.File;

    /// <summary>
    /// Directory of the identity file and of <c>last-report.json</c>. Defaults to
    /// <c>{LocalApplicationData}/telemetry/{Product}</c>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// StackExchange.Redis configuration string of the Redis that holds the cluster seed, for
    /// <see cref="IdentityStoreKind.Redis"/>. Defaults to <see langword="null"/>.
    /// </summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>The first part of the default <see cref="RedisSeedKey"/>.</summary>
    public const string DefaultRedisSeedKey = "telemetry:v1:reporter:seed";

    /// <summary>
    /// The Redis key of the cluster seed, for <see cref="IdentityStoreKind.Redis"/>. Defaults to
    /// <see cref="DefaultRedisSeedKey"/> followed by <c>:{Product}</c>.
    /// </summary>
    public string? RedisSeedKey { get; set; }

    /// <summary>
    /// Environment variable that disables reporting when set to <c>1</c> or <c>true</c>. Defaults to
    /// <c>{PRODUCT}_TELEMETRY_DISABLED</c>, such as <c>MYAPP_TELEMETRY_DISABLED</c>.
    /// </summary>
    public string? DisableEnvironmentVariable { get; set; }

    /// <summary>Whether <c>DO_NOT_TRACK=1</c> disables reporting. Defaults to <see langword="true"/>.</summary>
    public bool HonorDoNotTrack { get; set; } = true;

    /// <summary>
    /// Command-line flag that disables reporting (<c>--flag</c>, <c>-flag</c> or <c>--flag=true</c>). Defaults to
    /// <c>--disable-telemetry</c>; empty turns the flag off.
    /// </summary>
    public string DisableCommandLineFlag { get; set; } = "--disable-telemetry";

    /// <summary>
    /// A boolean command-line flag that turns reporting on or off, Go style (<c>-reporting.enabled=false</c>;
    /// <c>-flag</c> alone or <c>=true</c> means on). Defaults to empty: no such flag.
    /// </summary>
    public string EnableCommandLineFlag { get; set; } = string.Empty;

    /// <summary>
    /// Whether reporting is off unless <see cref="EnableCommandLineFlag"/> is given as true (opt-in, as Mimir's
    /// reporting is). Defaults to <see langword="false"/>.
    /// </summary>
    public bool RequireOptIn { get; set; }

    /// <summary>
    /// Opt-out switches named as a vendor names them (<see cref="Consent.ConsentPreset.Qdrant"/>: <c>--disable-telemetry</c>
    /// and <c>QDRANT__TELEMETRY_DISABLED</c>); replaces the switches above. Defaults to <see cref="Consent.ConsentPreset.None"/>.
    /// </summary>
    public Consent.ConsentPreset ConsentPreset { get; set; }

    /// <summary>
    /// The command line searched for <see cref="DisableCommandLineFlag"/>. Defaults to <see langword="null"/>, which
    /// means the process's own (<see cref="System.Environment.GetCommandLineArgs"/>).
    /// </summary>
    public IList<string>? CommandLineArguments { get; set; }

    /// <summary>Reports kept for delivery at most; the oldest is dropped beyond. Defaults to 4; 1 to 64.</summary>
    public int QueueCapacity { get; set; } = 4;

    /// <summary>First retry delay after a failed send; doubled per failure. Defaults to 1 second.</summary>
    public TimeSpan RetryMinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay after a failed send. Defaults to 5 minutes.</summary>
    public TimeSpan RetryMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one send attempt may take. Defaults to 10 seconds.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether stopping the reporter sends one last report with what was counted since the last acknowledged one, so
    /// that a process which runs for less than an interval (a command-line tool, a batch job) reports at all. Defaults
    /// to <see langword="false"/>. The attempt is bounded by <see cref="SendTimeout"/> and the stop's token; counts it
    /// does not get acknowledged are lost with the process. The collector's rate limit applies to it as to any report.
    /// </summary>
    public bool ReportOnStop { get; set; }

    /// <summary>
    /// Whether an unhandled exception sends a small crash report before the process ends: the exception's type and
    /// the file name, line and method where it was thrown, never its message. Qdrant reports carry it in
    /// <c>crash_reports</c>, as Qdrant does; every other product's payload carries it in its <c>crash</c> field
    /// (<see cref="V1.CrashReport"/>), with the rest of the payload left empty.
    /// Bounded by <see cref="SendTimeout"/>; sent only once the identity is known. Defaults to <see langword="false"/>.
    /// </summary>
    public bool ReportCrashes { get; set; }

    /// <summary>How often CPU, memory and thread use are sampled. Defaults to 1 minute.</summary>
    public TimeSpan RuntimeSampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The assembly whose <c>AssemblyInformationalVersion</c> gives the reported version and revision. Defaults to
    /// <see langword="null"/>, which means the entry assembly. Not bound from configuration.
    /// </summary>
    public Assembly? BuildAssembly { get; set; }

    /// <summary>
    /// Sets any part of each report directly, after the metrics and before the privacy rules are applied; see
    /// <see cref="TelemetryReporter.ConfigureReport"/>. Defaults to <see langword="null"/>. Not bound from configuration.
    /// </summary>
    public Action<UsageReport>? ConfigureReport { get; set; }

    /// <summary>The environment variable that disables reporting, with its default applied.</summary>
    internal string GetDisableEnvironmentVariable() =>
        string.IsNullOrWhiteSpace(DisableEnvironmentVariable)
            ? $"{Product.ToUpperInvariant().Replace('-', '_')}_TELEMETRY_DISABLED"
            : DisableEnvironmentVariable;

    /// <summary>The data directory, with its default applied.</summary>
    internal string GetDataDirectory() =>
        string.IsNullOrWhiteSpace(DataDirectory)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData, System.Environment.SpecialFolderOption.DoNotVerify), "telemetry", Product)
            : DataDirectory;

    /// <summary>The Redis key of the cluster seed, with its default applied.</summary>
    internal string GetRedisSeedKey() =>
        string.IsNullOrWhiteSpace(RedisSeedKey) ? $"{DefaultRedisSeedKey}:{Product}" : RedisSeedKey;

    /// <summary>Checks every value; returns the problems found.</summary>
    internal List<string> Validate()
    {
        var errors = new List<string>();
        // The collector's rule for product names.
        if (Product is not { Length: >= 1 and <= 64 } || Product[0] is not (>= 'a' and <= 'z')
            || !Product.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
        {
            errors.Add($"{nameof(Product)} is required: a lower-case letter, then up to 63 lower-case letters, digits, '-' or '_'.");
        }

        if (Interval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(Interval)} must be at least 1 second.");
        }

        if (Jitter < TimeSpan.Zero || Jitter >= Interval)
        {
            errors.Add($"{nameof(Jitter)} must be at least zero and less than {nameof(Interval)}.");
        }

        if (QueueCapacity is < 1 or > 64)
        {
            errors.Add($"{nameof(QueueCapacity)} must be between 1 and 64.");
        }

        if (RetryMinBackoff <= TimeSpan.Zero || RetryMaxBackoff < RetryMinBackoff)
        {
            errors.Add($"{nameof(RetryMinBackoff)} must be positive and at most {nameof(RetryMaxBackoff)}.");
        }

        if (SendTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(SendTimeout)} must be positive.");
        }

        if (RuntimeSampleInterval <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(RuntimeSampleInterval)} must be positive.");
        }

        if (Enabled && IdentityStore == IdentityStoreKind.Redis && string.IsNullOrWhiteSpace(RedisConfiguration))
        {
            errors.Add($"{nameof(RedisConfiguration)} is required when {nameof(IdentityStore)} is Redis.");
        }

        return errors;
    }
}
