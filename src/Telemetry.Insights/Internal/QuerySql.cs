using System.Text;

namespace Telemetry.Insights.Internal;

/// <summary>
/// The SQL of the questions for one query, portable between DuckDB and PostgreSQL. Parameters: <c>$1</c> product,
/// <c>$2</c> first day, <c>$3</c> last day, then two per filter (field, value), then one per version of a version
/// range, then the field asked about. Only the bucket unit and the lost-after days are written into the text, both
/// from fixed sets or integers.
/// </summary>
internal sealed class QuerySql
{
    private readonly string _unit;
    private readonly RollupDialect _dialect;
    private readonly List<(int Field, int Value)> _fieldFilters = [];
    private readonly List<int>? _versionParameters;
    private readonly DateOnly _from;
    private readonly DateOnly? _groupFrom;
    private readonly string _bucketFilterDays;
    private readonly List<object> _parameters;

    /// <param name="query">The question's query.</param>
    /// <param name="dialect">The store's SQL dialect.</param>
    /// <param name="flaggedThrough">The day the bucket-latest flags of the query's unit hold up to (null: none).</param>
    /// <param name="versions">
    /// The stored versions that fall in the query's version range (chosen in C#, as SQL cannot compare semantic
    /// versions), or null when the query has no range.
    /// </param>
    public QuerySql(InsightsQuery query, RollupDialect dialect, DateOnly? flaggedThrough = null, IReadOnlyCollection<string>? versions = null)
    {
        _dialect = dialect;
        _unit = query.Bucket switch
        {
            InsightBucket.Week => "week",
            InsightBucket.Month => "month",
            _ => "day",
        };
        _parameters = [query.Product, query.From, query.To];
        foreach (var (field, value) in (query.Filters ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            _parameters.Add(field);
            _parameters.Add(value);
            _fieldFilters.Add((_parameters.Count - 1, _parameters.Count));
        }

        if (versions is not null)
        {
            _versionParameters = [];
            foreach (var version in versions)
            {
                _parameters.Add(version);
                _versionParameters.Add(_parameters.Count);
            }
        }

        _from = query.From;
        _groupFrom = GroupFrom(query.To, flaggedThrough);
        _bucketFilterDays = _unit == "day" || _groupFrom <= _from
            ? RangeDays
            : RangeDays + (_groupFrom is { } groupFrom
                ? $" AND (f.{BucketLatestSql.Flag(_unit)} OR f.day >= {Date(groupFrom)})"
                : $" AND f.{BucketLatestSql.Flag(_unit)}");
    }

    public IReadOnlyList<object> Parameters => _parameters;

    /// <summary>The distinct versions a product's installations reported up to the last day (<c>$1</c> product, <c>$2</c> day).</summary>
    public static string StoredVersions() => "SELECT DISTINCT version FROM insight_days WHERE product = $1 AND day <= $2";

    private string FieldParameter => "$" + (_parameters.Count + 1);

    public IReadOnlyList<object> ParametersWith(string field) => [.. _parameters, field];

    /// <summary>Installations per bucket: each is one row of its latest day in the bucket.</summary>
    public string Active() =>
        $"SELECT {Bucket("r.day")} AS bucket, count(*) FROM ({LatestInBucket("insight_days", string.Empty)}) r"
        + $" WHERE true{Filters("r", _bucketFilterDays)} GROUP BY 1 ORDER BY 1";

    public string FirstSeen() =>
        $"SELECT {Bucket("first_day")} AS bucket, count(*) FROM"
        + $" (SELECT min(d.day) AS first_day FROM insight_days d WHERE d.product = $1{Filters("d", string.Empty)} GROUP BY {Instance}) s"
        + " WHERE first_day >= $2 AND first_day <= $3 GROUP BY 1 ORDER BY 1";

    /// <summary>An installation is lost on the day <paramref name="days"/> after its last report, once that day has come.</summary>
    public string Lost(int days, DateOnly today) =>
        $"SELECT {Bucket("lost_day")} AS bucket, count(*) FROM"
        + $" (SELECT max(d.day) + {days} AS lost_day FROM insight_days d WHERE d.product = $1{Filters("d", string.Empty)} GROUP BY {Instance}) s"
        + $" WHERE lost_day >= $2 AND lost_day <= $3 AND lost_day <= {Date(today)} GROUP BY 1 ORDER BY 1";

    /// <summary>Per bucket and text value, the installations whose latest day in the bucket has it.</summary>
    public string LatestText() =>
        $"SELECT {Bucket("r.day")} AS bucket, coalesce(r.text, '') AS value, count(*)"
        + $" FROM ({LatestInBucket("insight_values", $" AND d.field = {FieldParameter}")}) r"
        + $" WHERE true{Filters("r", _bucketFilterDays)} GROUP BY 1, 2";

    /// <summary>Each distinct latest number in the range with the installations whose latest number it is, ascending.</summary>
    public string LatestNumbers() =>
        "SELECT latest, count(*) FROM"
        + $" (SELECT max(d.day) AS day, {Instance} AS instance_key, {_dialect.Latest("d.number", "d.day")} AS latest FROM insight_values d"
        + $" WHERE d.product = $1 AND d.day >= $2 AND d.day <= $3 AND d.field = {FieldParameter}"
        + $" AND d.number IS NOT NULL GROUP BY {Instance}) r WHERE true{Filters("r", RangeDays)} GROUP BY latest ORDER BY latest";

    /// <summary>Per bucket, the installations whose latest day in the bucket has the value on (true or non-zero).</summary>
    public string LatestOn() =>
        $"SELECT {Bucket("r.day")} AS bucket, count(*)"
        + $" FROM ({LatestInBucket("insight_values", $" AND d.field = {FieldParameter}")}) r"
        + $" WHERE (r.text = 'true' OR r.number > 0){Filters("r", _bucketFilterDays)} GROUP BY 1";

    private const string RangeDays = " AND f.day >= $2 AND f.day <= $3";

    private string Instance => _dialect.InstanceKey("d.instance");

    private string Bucket(string day) => BucketLatestSql.Trunc(_unit, day);

    private static string Date(DateOnly day) => $"DATE '{day:yyyy-MM-dd}'";

    /// <summary>
    /// The first day from which each installation's latest day per bucket is found by grouping its days, or null when
    /// the flags answer the whole range: the day after the flags' last one, or the first day of a bucket the range
    /// ends inside (later days of that bucket may be stored, so no flag marks the latest day up to the range's end).
    /// </summary>
    private DateOnly? GroupFrom(DateOnly to, DateOnly? flaggedThrough)
    {
        if (_unit == "day")
        {
            return null;
        }

        var from = flaggedThrough is { } through ? through.AddDays(1) : DateOnly.MinValue;
        if (BucketDays.End(_unit, to) != to && BucketDays.Start(_unit, to) < from)
        {
            from = BucketDays.Start(_unit, to);
        }

        return from <= to ? from : null;
    }

    /// <summary>
    /// The rows (day, instance_key, text, number; the last two only from <c>insight_values</c>) of each installation's
    /// latest day per bucket in the range. A day bucket holds one day per installation, so every row is one; a week
    /// or a month is its flagged rows, and from <see cref="GroupFrom"/> on the latest day of each installation and
    /// bucket is found by grouping.
    /// </summary>
    private string LatestInBucket(string table, string conditions)
    {
        var columns = $"d.day, {Instance} AS instance_key" + (table == "insight_values" ? ", d.text, d.number" : string.Empty);
        var rows = $"SELECT {columns} FROM {table} d WHERE d.product = $1{conditions}";
        if (_groupFrom is not { } groupFrom)
        {
            return $"{rows} AND d.day >= $2 AND d.day <= $3{Flagged("d")}";
        }

        var flagged = groupFrom > _from;
        var start = flagged ? Date(groupFrom) : "$2";
        var key = _dialect.InstanceKey("l.instance");
        var grouped = $"{rows} AND d.day >= {start} AND d.day <= $3 AND (d.day, {Instance}) IN"
            + $" (SELECT max(l.day), {key} FROM insight_days l WHERE l.product = $1"
            + $" AND l.day >= {start} AND l.day <= $3 GROUP BY {Bucket("l.day")}, {key})";
        return flagged ? $"{rows} AND d.day >= $2 AND d.day < {Date(groupFrom)}{Flagged("d")} UNION ALL {grouped}" : grouped;
    }

    private string Flagged(string alias) => _unit == "day" ? string.Empty : $" AND {alias}.{BucketLatestSql.Flag(_unit)}";

    /// <summary>
    /// The filters as conditions on a row (<paramref name="alias"/> with <c>day</c> and an installation key): for
    /// each, the installation-days whose field holds the value (or whose version is in the range), as a set of (day,
    /// installation key) the row must be in. Keys rather than names, and only the days <paramref name="days"/> keeps,
    /// keep that set small: DuckDB builds it in memory.
    /// </summary>
    private string Filters(string alias, string days)
    {
        var key = alias == "d" ? Instance : $"{alias}.instance_key";
        var filters = new StringBuilder();
        foreach (var (field, value) in _fieldFilters)
        {
            filters.Append(InstallationDaysOf(alias, key, "insight_values", $"{days} AND f.field = ${field} AND f.text = ${value}"));
        }

        if (_versionParameters is { Count: 0 })
        {
            filters.Append(" AND 1 = 0");
        }
        else if (_versionParameters is not null)
        {
            filters.Append(InstallationDaysOf(alias, key, "insight_days", $"{days} AND f.version IN ({string.Join(", ", _versionParameters.Select(p => "$" + p))})"));
        }

        return filters.ToString();
    }

    private string InstallationDaysOf(string alias, string key, string table, string conditions) =>
        $" AND ({alias}.day, {key}) IN (SELECT f.day, {_dialect.InstanceKey("f.instance")} FROM {table} f WHERE f.product = $1{conditions})";
}
