namespace Telemetry.Intake;

/// <summary>The products whose own reporters the intake receives, with the vendor's receiver of each.</summary>
public static class IntakeProducts
{
    public const string Mimir = "mimir";
    public const string Tempo = "tempo";
    public const string Loki = "loki";
    public const string InfluxDb = "influxdb";
    public const string Coroot = "coroot";
    public const string Qdrant = "qdrant";

    /// <summary>Every product name, as used in <c>Intake:Relay:&lt;product&gt;</c> and in metrics.</summary>
    public static readonly IReadOnlyList<string> All = [Mimir, Tempo, Loki, InfluxDb, Coroot, Qdrant];

    /// <summary>The URL each vendor's reporter posts to: where <c>Forward</c> sends a report unless told otherwise.</summary>
    public static Uri VendorUrl(string product) => product switch
    {
        Mimir => new Uri("https://stats.grafana.org/mimir-usage-report"),
        Tempo => new Uri("https://stats.grafana.org/tempo-usage-report"),
        Loki => new Uri("https://stats.grafana.org/loki-usage-report"),
        InfluxDb => new Uri("https://telemetry.influxdata.com/metrics/job/influxdb"),
        Coroot => new Uri("https://coroot.com/ce/usage-statistics"),
        Qdrant => new Uri("https://telemetry.qdrant.io/"),
        _ => throw new ArgumentOutOfRangeException(nameof(product), product, "Not a product of the intake."),
    };
}
