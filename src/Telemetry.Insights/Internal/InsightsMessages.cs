using System.Globalization;
using Telemetry.V1;

namespace Telemetry.Insights.Internal;

/// <summary>The answers of <see cref="InsightsQueries"/> (tables, as the CSV download shows them) as the contract's messages.</summary>
internal static class InsightsMessages
{
    public static ListProductsResponse Products(InsightTable table) => new()
    {
        Products =
        {
            table.Rows.Select(r =>
            {
                var product = new ProductInstallations { Product = (string)r[0]!, Installations = (long)r[1]! };
                if (r[2] is double keptDays)
                {
                    product.RawReportsKeptDays = keptDays;
                }

                return product;
            }),
        },
    };

    public static ListFieldsResponse Fields(InsightTable table) => new()
    {
        Fields =
        {
            table.Rows.Select(r => new InsightFieldInfo
            {
                Path = (string)r[0]!,
                Kind = (string)r[1]! == "numeric" ? V1.InsightFieldKind.Numeric : V1.InsightFieldKind.Categorical,
                PrivacyClass = InsightFields.Describe((string)r[0]!)?.Privacy ?? PrivacyClass.Unspecified,
                Listed = (string)r[2]! == "listed",
                Unit = (string?)r[3] ?? string.Empty,
            }),
        },
    };

    public static GetActiveInstallationsResponse Active(InsightTable table) => new()
    {
        Points =
        {
            table.Rows.Select(r => new ActiveInstallations
            {
                Bucket = Day(r[0]), Active = (long)r[1]!, NewInstallations = (long)r[2]!, LostInstallations = (long)r[3]!,
            }),
        },
    };

    public static IEnumerable<ValueShare> Shares(InsightTable table) => table.Rows.Select(r => new ValueShare
    {
        Bucket = Day(r[0]),
        Value = (string)r[1]!,
        Installations = (long)r[2]!,
        Share = (double)r[3]!,
    });

    public static GetSizesResponse Sizes(InsightTable table)
    {
        var statistics = table.Rows.Where(r => (string)r[0]! != "bin").ToDictionary(r => (string)r[0]!, r => (double)r[1]!);
        var response = new GetSizesResponse
        {
            Installations = (long)statistics["installations"],
            Bins = { table.Rows.Where(r => (string)r[0]! == "bin").Select(r => new SizeBin { Lower = (double)r[1]!, Upper = (double)r[2]!, Installations = (long)r[3]! }) },
        };
        if (statistics.TryGetValue("p50", out var p50))
        {
            response.Percentiles = new SizePercentiles { P50 = p50, P90 = statistics["p90"], P99 = statistics["p99"] };
        }

        return response;
    }

    public static GetFeatureAdoptionResponse Adoption(InsightTable table) => new()
    {
        Points =
        {
            table.Rows.Select(r =>
            {
                var point = new FeatureAdoption { Bucket = Day(r[0]), Active = (long)r[1]! };
                if (r[2] is long adopted)
                {
                    point.Adopted = adopted;
                    point.Share = (double)r[3]!;
                }

                return point;
            }),
        },
    };

    private static string Day(object? cell) => ((DateOnly)cell!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
