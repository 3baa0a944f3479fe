using System.Globalization;
using Microsoft.Extensions.Options;
using Telemetry.Insights.Internal;

namespace Telemetry.Insights;

/// <summary>
/// The questions, answered from the rollups. Privacy: only stored (already anonymized) values are read; a value
/// held by fewer than <see cref="InsightsOptions.MinGroupSize"/> installations is folded into <c>other</c>; keyed-hash
/// fields are counted (distinct values) but never listed; a size distribution over fewer installations is withheld.
/// </summary>
public sealed class InsightsQueries(RollupStore store, IOptions<InsightsOptions> options)
{
    /// <summary>The label small groups are folded into.</summary>
    public const string Other = "other";

    /// <summary>Most stored versions a version range may select: each one is a parameter of the question's SQL.</summary>
    public const int MaxRangeVersions = 1000;

    private readonly InsightsOptions _options = options.Value;

    /// <summary>
    /// Products with rollups, and for how many days their raw reports are kept (<see cref="InsightsOptions.RawReportRetention"/>;
    /// null: for ever), so a reader knows how far back the raw data behind the rollups goes.
    /// </summary>
    public async Task<InsightTable> ProductsAsync(CancellationToken cancellationToken = default)
    {
        double? keptDays = _options.RawReportRetention?.TotalDays;
        var rows = await store.QueryAsync(
            "SELECT product, count(DISTINCT instance) FROM insight_days GROUP BY product ORDER BY product", [],
            r => new object?[] { r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), keptDays }, cancellationToken);
        return new InsightTable("products", ["product", "installations", "raw_reports_kept_days"], rows);
    }

    /// <summary>The product's fields that have values, with kind and privacy class from the field catalogue.</summary>
    public async Task<InsightTable> FieldsAsync(string product, CancellationToken cancellationToken = default)
    {
        var rows = await store.QueryAsync(
            "SELECT field, count(text) FROM insight_values WHERE product = $1 GROUP BY field ORDER BY field", [product],
            r => (Field: r.GetString(0), Texts: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
        var table = new List<object?[]>();
        foreach (var (path, texts) in rows)
        {
            if (InsightFields.Describe(path) is not { } field)
            {
                continue;
            }

            var kind = path.StartsWith(InsightFields.GenericMetricsPrefix, StringComparison.Ordinal) && texts > 0
                ? InsightFieldKind.Categorical
                : field.Kind;
            table.Add([path, kind.ToString().ToLowerInvariant(), field.Listable ? "listed" : "counted", field.Unit]);
        }

        return new InsightTable("fields", ["field", "kind", "values", "unit"], table);
    }

    /// <summary>Active installations per bucket, with the new (first seen) and lost (not seen for <see cref="InsightsOptions.LostAfter"/>) ones.</summary>
    public async Task<InsightTable> ActiveAsync(InsightsQuery query, CancellationToken cancellationToken = default)
    {
        var sql = await SqlAsync(query, cancellationToken);
        var active = await CountsAsync(sql.Pieces(asked: false), s => s.Active(), field: null, cancellationToken);
        var (fresh, lost) = await NewAndLostAsync(sql, cancellationToken);
        var buckets = active.Keys.Union(fresh.Keys).Union(lost.Keys).Order();
        var rows = buckets.Select(b => new object?[]
        {
            b, active.GetValueOrDefault(b), fresh.GetValueOrDefault(b), lost.GetValueOrDefault(b),
        }).ToList();
        return new InsightTable("active", ["bucket", "active", "new", "lost"], rows);
    }

    /// <summary>
    /// Installations per value of a categorical field (each installation's latest value in the bucket) and their
    /// share; <c>build.version</c> gives version adoption.
    /// </summary>
    public async Task<InsightTable> BreakdownAsync(InsightsQuery query, CancellationToken cancellationToken = default)
    {
        var field = RequireField(query, InsightFieldKind.Categorical);
        var sql = await SqlAsync(query, cancellationToken);
        var counts = new List<(DateOnly Bucket, string Value, long Count)>();
        foreach (var piece in sql.Pieces(asked: true))
        {
            counts.AddRange(await store.QueryAsync(piece.LatestText(), piece.ParametersWith(field.Path),
                r => (RollupStore.ReadDay(r, 0), r.IsDBNull(1) ? string.Empty : r.GetString(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
                cancellationToken));
        }

        var rows = new List<object?[]>();
        foreach (var bucket in counts.GroupBy(c => c.Bucket).OrderBy(g => g.Key))
        {
            var total = bucket.Sum(c => c.Count);
            if (!field.Listable)
            {
                // A keyed hash names one installation's secret; only how many distinct values there are is shown.
                rows.Add([bucket.Key, "(distinct values)", (long)bucket.Count(), 1.0]);
                continue;
            }

            var groups = Fold(bucket.Select(c => (c.Value, c.Count)));
            rows.AddRange(groups.Select(g => new object?[] { bucket.Key, g.Value, g.Count, (double)g.Count / total }));
        }

        return new InsightTable("breakdown", ["bucket", "value", "installations", "share"], rows);
    }

    /// <summary>Distribution of a numeric field over installations (each one's latest value in the range).</summary>
    public async Task<InsightTable> SizesAsync(InsightsQuery query, CancellationToken cancellationToken = default)
    {
        var field = RequireField(query, InsightFieldKind.Numeric);
        var sql = await SqlAsync(query, cancellationToken);
        var values = await store.QueryAsync(sql.LatestNumbers(), sql.ParametersWith(field.Path),
            r => (Convert.ToDouble(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)),
            cancellationToken);
        return SizeDistribution.Of(values, _options.MinGroupSize);
    }

    /// <summary>
    /// Share of active installations where a flag is on or a count is non-zero (each installation's latest value
    /// in the bucket).
    /// </summary>
    public async Task<InsightTable> AdoptionAsync(InsightsQuery query, CancellationToken cancellationToken = default)
    {
        var field = RequireField(query, kind: null);
        var sql = await SqlAsync(query, cancellationToken);
        var active = await CountsAsync(sql.Pieces(asked: false), s => s.Active(), field: null, cancellationToken);
        var on = await CountsAsync(sql.Pieces(asked: true), s => s.LatestOn(), field.Path, cancellationToken);
        var rows = active.OrderBy(a => a.Key).Select(a =>
        {
            var adopted = on.GetValueOrDefault(a.Key);
            // A handful of adopters (or non-adopters) would single installations out.
            long? shown = IsSmallGroup(adopted) || IsSmallGroup(a.Value - adopted) ? null : adopted;
            return new object?[] { a.Key, a.Value, shown, shown is null ? null : (double)adopted / a.Value };
        }).ToList();
        return new InsightTable("adoption", ["bucket", "active", "adopted", "share"], rows);
    }

    /// <summary>Folds values held by fewer than the minimum group size into <see cref="Other"/>, largest first.</summary>
    internal List<(string Value, long Count)> Fold(IEnumerable<(string Value, long Count)> counts)
    {
        var kept = new List<(string Value, long Count)>();
        long other = 0;
        foreach (var (value, count) in counts)
        {
            if (count >= _options.MinGroupSize && value != Other)
            {
                kept.Add((value, count));
            }
            else
            {
                other += count;
            }
        }

        kept.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        if (other > 0)
        {
            kept.Add((Other, other));
        }

        return kept;
    }

    private bool IsSmallGroup(long count) => count > 0 && count < _options.MinGroupSize;

    private static InsightField RequireField(InsightsQuery query, InsightFieldKind? kind)
    {
        if (string.IsNullOrEmpty(query.Field))
        {
            throw new InsightsQueryException("field", "a field is required for this question");
        }

        var field = InsightFields.Describe(query.Field)
            ?? throw new InsightsQueryException("field", $"\"{query.Field}\" is not a field of the catalogue");
        if (kind == InsightFieldKind.Categorical && field.Kind != kind
            && !query.Field.StartsWith(InsightFields.GenericMetricsPrefix, StringComparison.Ordinal))
        {
            throw new InsightsQueryException("field", $"\"{query.Field}\" is numeric; ask for its sizes");
        }

        if (kind == InsightFieldKind.Numeric && field.Kind != kind)
        {
            throw new InsightsQueryException("field", $"\"{query.Field}\" is categorical; ask for its breakdown");
        }

        return field;
    }

    /// <summary>
    /// The question's SQL; a version range is resolved first to the stored versions it holds (a product has few
    /// distinct versions), since SQL cannot compare semantic versions. Earlier days count too: new and lost
    /// installations look before the window.
    /// </summary>
    private async Task<QuerySql> SqlAsync(InsightsQuery query, CancellationToken cancellationToken)
    {
        DateOnly? flaggedThrough = null;
        if (query.Bucket != InsightBucket.Day)
        {
            var unit = Array.IndexOf(BucketLatestSql.Units, BucketDays.Unit(query.Bucket));
            flaggedThrough = (await store.FlaggedThroughAsync(cancellationToken))[unit];
        }

        if (query.Versions is not { } range)
        {
            return new QuerySql(query, store.Dialect, flaggedThrough);
        }

        var stored = await store.QueryAsync(QuerySql.StoredVersions(), [query.Product, query.To], r => r.GetString(0), cancellationToken);
        var versions = stored.Where(range.Contains).Order(StringComparer.Ordinal).ToList();
        if (versions.Count > MaxRangeVersions)
        {
            throw new InsightsQueryException("min_version", $"the version range holds {versions.Count} stored versions, more than {MaxRangeVersions}; narrow it");
        }

        return new QuerySql(query, store.Dialect, flaggedThrough, versions);
    }

    /// <summary>New and lost installations per bucket.</summary>
    private async Task<(Dictionary<DateOnly, long> Fresh, Dictionary<DateOnly, long> Lost)> NewAndLostAsync(QuerySql sql, CancellationToken cancellationToken)
    {
        var statement = sql.NewAndLost((int)_options.LostAfter.TotalDays, DateOnly.FromDateTime(DateTime.UtcNow));
        var pairs = await store.QueryAsync(statement, sql.Parameters, r => (
            Fresh: RollupStore.ReadOptionalDay(r, 0),
            Lost: RollupStore.ReadOptionalDay(r, 1),
            Count: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);
        var fresh = new Dictionary<DateOnly, long>();
        var lost = new Dictionary<DateOnly, long>();
        foreach (var pair in pairs)
        {
            if (pair.Fresh is { } first)
            {
                fresh[first] = fresh.GetValueOrDefault(first) + pair.Count;
            }

            if (pair.Lost is { } gone)
            {
                lost[gone] = lost.GetValueOrDefault(gone) + pair.Count;
            }
        }

        return (fresh, lost);
    }

    /// <summary>Counts per bucket, from a statement of each piece of a question (with the asked <paramref name="field"/>, if any).</summary>
    private async Task<Dictionary<DateOnly, long>> CountsAsync(IEnumerable<QuerySql> pieces, Func<QuerySql, string> statement, string? field, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<DateOnly, long>();
        foreach (var piece in pieces)
        {
            var rows = await store.QueryAsync(statement(piece), field is null ? piece.Parameters : piece.ParametersWith(field),
                r => (Bucket: RollupStore.ReadDay(r, 0), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
            foreach (var (bucket, count) in rows)
            {
                counts.Add(bucket, count);
            }
        }

        return counts;
    }
}
