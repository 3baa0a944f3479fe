namespace Telemetry.Insights.Internal;

/// <summary>
/// The SQL of the questions for one query, portable between DuckDB and PostgreSQL. Parameters: <c>$1</c> product,
/// <c>$2</c> first day, <c>$3</c> last day, then two per filter (field, value), then one per version of a version
/// range, then the field asked about. Written into the text: the bucket unit, the lost-after days, the version field's
/// name, and days computed here, all from fixed sets, integers or dates.
/// <para>
/// Every question counts each installation once per bucket, by its latest day in the bucket (in the range for
/// sizes), and a filter keeps the installations whose latest day holds the value.
/// </para>
/// </summary>
internal sealed class QuerySql
{
    private const string RangeDays = " AND d.day >= $2 AND d.day <= $3";

    /// <summary>
    /// Most days (in whole buckets, at least one) that one statement covers when it groups the rows of every
    /// installation-day it reads to keep the filters, so a question about three months asked in pieces of two weeks
    /// groups a sixth as many at a time; alone on the insights benchmark's data it was no slower.
    /// </summary>
    public const int FilteredPieceDays = 14;

    private readonly InsightsQuery _query;
    private readonly DateOnly? _flaggedThrough;
    private readonly IReadOnlyCollection<string>? _versions;
    private readonly string _unit;
    private readonly RollupDialect _dialect;
    private readonly List<(int Field, int Value)> _fieldFilters = [];
    private readonly List<int>? _versionParameters;
    private readonly DateOnly? _groupFrom;
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
        _query = query;
        _flaggedThrough = flaggedThrough;
        _versions = versions;
        _dialect = dialect;
        _unit = BucketDays.Unit(query.Bucket);
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

        _groupFrom = GroupFrom(query.To, flaggedThrough);
    }

    public IReadOnlyList<object> Parameters => _parameters;

    /// <summary>The distinct versions a product's installations reported up to the last day (<c>$1</c> product, <c>$2</c> day).</summary>
    public static string StoredVersions() => "SELECT DISTINCT version FROM insight_days WHERE product = $1 AND day <= $2";

    /// <summary>The parameters of a statement that reads the asked <paramref name="field"/>'s values.</summary>
    public IReadOnlyList<object> ParametersWith(string field) => VersionOfFilterRows ? _parameters : [.. _parameters, field];

    /// <summary>
    /// The query in pieces of whole buckets of at most <see cref="FilteredPieceDays"/> days when its statements group
    /// the rows of each installation-day (a question per bucket is answered by the piece that holds it), or whole.
    /// </summary>
    /// <param name="asked">Whether the statements read a field's values (all but active installations).</param>
    public IEnumerable<QuerySql> Pieces(bool asked)
    {
        if (!Groups(asked))
        {
            yield return this;
            yield break;
        }

        for (var start = _query.From; start <= _query.To;)
        {
            var end = BucketDays.End(_unit, start.AddDays(FilteredPieceDays - 1));
            end = end < _query.To ? end : _query.To;
            yield return new QuerySql(_query with { From = start, To = end }, _dialect, _flaggedThrough, _versions);
            start = end.AddDays(1);
        }
    }

    /// <summary>Installations per bucket.</summary>
    public string Active() =>
        $"SELECT {Bucket("r.day")} AS bucket, count(*) FROM ({HoldingDays((table, columns, condition) => LatestInBucket(table, columns, condition))}) r GROUP BY 1 ORDER BY 1";

    /// <summary>
    /// New and lost installations in one pass over every stored day: per installation, the bucket of its first day
    /// when that is in the range (new_bucket), and the bucket of the day it is lost when that is in the range and has
    /// come (lost_bucket), with the installations of each pair. An installation is lost <paramref name="days"/> after
    /// its last report.
    /// </summary>
    public string NewAndLost(int days, DateOnly today) =>
        $"SELECT CASE WHEN s.first_day >= $2 AND s.first_day <= $3 THEN {Bucket("s.first_day")} END AS new_bucket,"
        + $" CASE WHEN s.lost_day >= $2 AND s.lost_day <= $3 AND s.lost_day <= {Date(today)} THEN {Bucket("s.lost_day")} END AS lost_bucket,"
        + $" count(*) FROM (SELECT min(r.day) AS first_day, max(r.day) + {days} AS lost_day FROM ({EveryDay()}) r GROUP BY r.instance_key) s"
        + " GROUP BY 1, 2";

    /// <summary>Per bucket and text value, the installations whose latest day in the bucket has it.</summary>
    public string LatestText() =>
        $"SELECT {Bucket("r.day")} AS bucket, coalesce(r.text, '') AS value, count(*) FROM ({AskedValues(wholeRange: false, "text")}) r GROUP BY 1, 2";

    /// <summary>Each distinct number of the installations' latest days in the range, with the installations that have it, ascending.</summary>
    public string LatestNumbers() =>
        $"SELECT r.number, count(*) FROM ({AskedValues(wholeRange: true, "number")}) r WHERE r.number IS NOT NULL GROUP BY 1 ORDER BY 1";

    /// <summary>Per bucket, the installations whose latest day in the bucket has the value on (true or non-zero).</summary>
    public string LatestOn() =>
        $"SELECT {Bucket("r.day")} AS bucket, count(*) FROM ({AskedValues(wholeRange: false, "text", "number")}) r"
        + " WHERE r.text = 'true' OR r.number > 0 GROUP BY 1";

    /// <summary>
    /// Whether the statements group the field rows of each installation-day to keep the filters. A version range
    /// never needs it, as every row carries its day's version; one filter on a field does not for statements that
    /// read no field's values (<paramref name="asked"/>), or read the version, which its rows carry.
    /// </summary>
    private bool Groups(bool asked) => _fieldFilters.Count > (!asked || AsksVersion ? 1 : 0);

    private bool AsksVersion => _query.Field == InsightFields.VersionField;

    /// <summary>Whether the asked version is read from the rows that hold the one filter's value (and the field is no parameter).</summary>
    private bool VersionOfFilterRows => AsksVersion && _fieldFilters.Count == 1;

    private string FieldParameter => "$" + (_parameters.Count + 1);

    private string Instance => _dialect.InstanceKey("d.instance");

    private string KeyAs => $"{Instance} AS instance_key";

    private string Bucket(string day) => BucketLatestSql.Trunc(_unit, day);

    private static string Date(DateOnly day) => $"DATE '{day:yyyy-MM-dd}'";

    /// <summary>Every stored day of each installation (day, instance_key) that holds every filter's value: what new and lost installations are counted from.</summary>
    private string EveryDay() => HoldingDays((table, columns, condition) => $"SELECT {columns} FROM {table} d WHERE d.product = $1{condition}");

    /// <summary>
    /// The installation-days (day, instance_key) that hold every filter's value, of the rows that
    /// <paramref name="rows"/> selects (given the table, the columns and a condition on <c>d</c>): the days
    /// themselves without a filter on a field. An installation-day has one row per field, so for one such filter
    /// they are the rows that hold its value; for more, one aggregation per installation-day over the rows that hold
    /// any of them.
    /// </summary>
    private string HoldingDays(Func<string, string, string, string> rows)
    {
        var columns = $"d.day, {KeyAs}";
        var conditions = FieldConditions("d");
        switch (conditions.Count)
        {
            case 0:
                return rows("insight_days", columns, VersionCondition());
            case 1:
                return rows("insight_values", columns, $" AND {conditions[0]}{VersionCondition()}");
            default:
                var held = string.Concat(conditions.Select((c, i) => $", ({c}) AS held_{i}"));
                var any = string.Join(" OR ", conditions.Select(c => $"({c})"));
                var all = string.Join(" AND ", conditions.Select((_, i) => $"bool_or(r.held_{i})"));
                return $"SELECT r.day, r.instance_key FROM ({rows("insight_values", columns + held, $" AND ({any}){VersionCondition()}")}) r"
                    + $" GROUP BY r.day, r.instance_key HAVING {all}";
        }
    }

    /// <summary>
    /// The asked field's <paramref name="values"/> (with day and instance_key) on each installation's latest day per
    /// bucket (or in the range, <paramref name="wholeRange"/>), of the installations whose latest day passes the
    /// filters. Without a filter on a field they are the asked field's rows in the version range; the version under
    /// one such filter is read from the rows that hold the filter's value (a day without a version has no row of it).
    /// </summary>
    private string AskedValues(bool wholeRange, params string[] values)
    {
        var key = $"d.day, {KeyAs}";
        if (Groups(asked: true))
        {
            var columns = $"{key}, d.field, d.text{string.Concat(values.Where(v => v != "text").Select(v => ", d." + v))}";
            return Passing(LatestInBucket("insight_values", columns, FilterFields() + VersionCondition(), wholeRange), values);
        }

        if (!VersionOfFilterRows)
        {
            return LatestInBucket("insight_values", $"{key}{string.Concat(values.Select(v => ", d." + v))}", $" AND d.field = {FieldParameter}{VersionCondition()}", wholeRange);
        }

        var version = string.Concat(values.Select(v => v == "text" ? ", d.version AS text" : $", CAST(NULL AS DOUBLE PRECISION) AS {v}"));
        return LatestInBucket("insight_values", key + version, $" AND {FieldConditions("d")[0]}{VersionCondition()} AND d.version <> ''", wholeRange);
    }

    /// <summary>The condition that keeps the rows of the fields the filters and the question name.</summary>
    private string FilterFields()
    {
        var fields = _fieldFilters.Select(f => "$" + f.Field).Append(FieldParameter);
        return $" AND d.field IN ({string.Join(", ", fields)})";
    }

    /// <summary>
    /// One row per installation-day (day, instance_key, and the asked field's <paramref name="values"/>) of the field
    /// rows <paramref name="rows"/> (day, instance_key, field, text, and the values), kept when the day holds every
    /// filter's value and the asked field. One aggregation over the rows of a few fields, rather than a set of every
    /// filter's installation-days to look each row up in: the aggregation spills to disk when DuckDB is short of
    /// memory, and it reads the rows once.
    /// </summary>
    private string Passing(string rows, string[] values)
    {
        var conditions = FieldConditions("r").Select(c => $"bool_or({c})").Append($"bool_or(r.field = {FieldParameter})");
        var asked = string.Concat(values.Select(v => $", max(CASE WHEN r.field = {FieldParameter} THEN r.{v} END) AS {v}"));
        return $"SELECT r.day, r.instance_key{asked} FROM ({rows}) r GROUP BY r.day, r.instance_key HAVING {string.Join(" AND ", conditions)}";
    }

    /// <summary>For each filter on a field, the condition that a field row (table alias <paramref name="row"/>) holds its value.</summary>
    private List<string> FieldConditions(string row) =>
        [.. _fieldFilters.Select(f => $"{row}.field = ${f.Field} AND {row}.text = ${f.Value}")];

    /// <summary>The condition that a row of <c>d</c> (a day or a field row, each carrying the day's version) is in the version range, if any.</summary>
    private string VersionCondition() => _versionParameters switch
    {
        null => string.Empty,
        [] => " AND false",
        var versions => $" AND d.version IN ({string.Join(", ", versions.Select(p => "$" + p))})",
    };

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
    /// The rows (<paramref name="columns"/> of <paramref name="table"/> <c>d</c>) of each installation's latest day per
    /// bucket in the range, or in the whole range (<paramref name="wholeRange"/>). A day bucket holds one day per
    /// installation, so every row is one; a week or a month is its flagged rows, and from <see cref="GroupFrom"/> on
    /// the latest day of each installation and bucket is found by grouping.
    /// </summary>
    private string LatestInBucket(string table, string columns, string conditions, bool wholeRange = false)
    {
        var rows = $"SELECT {columns} FROM {table} d WHERE d.product = $1{conditions}";
        if (wholeRange)
        {
            return $"{rows}{RangeDays} AND (d.day, {Instance}) IN ({LatestDays("$2", string.Empty)})";
        }

        if (_groupFrom is not { } groupFrom)
        {
            return $"{rows}{RangeDays}{Flagged()}";
        }

        if (groupFrom <= _query.From)
        {
            return $"{rows}{RangeDays} AND (d.day, {Instance}) IN ({LatestDays("$2", Bucket("l.day") + ", ")})";
        }

        return $"{rows} AND d.day >= $2 AND d.day < {Date(groupFrom)}{Flagged()}"
            + $" UNION ALL {rows} AND d.day >= {Date(groupFrom)} AND d.day <= $3"
            + $" AND (d.day, {Instance}) IN ({LatestDays(Date(groupFrom), Bucket("l.day") + ", ")})";
    }

    /// <summary>Each installation's latest day (and its key) from <paramref name="start"/> to <c>$3</c>, per group.</summary>
    private string LatestDays(string start, string groups)
    {
        var key = _dialect.InstanceKey("l.instance");
        return $"SELECT max(l.day), {key} FROM insight_days l WHERE l.product = $1 AND l.day >= {start} AND l.day <= $3 GROUP BY {groups}{key}";
    }

    private string Flagged() => _unit == "day" ? string.Empty : $" AND d.{BucketLatestSql.Flag(_unit)}";
}
