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
    private readonly string _filters;
    private readonly string _filtersOverAllDays;
    private readonly List<object> _parameters;

    /// <param name="query">The question's query.</param>
    /// <param name="dialect">The store's SQL dialect.</param>
    /// <param name="versions">
    /// The stored versions that fall in the query's version range (chosen in C#, as SQL cannot compare semantic
    /// versions), or null when the query has no range.
    /// </param>
    public QuerySql(InsightsQuery query, RollupDialect dialect, IReadOnlyCollection<string>? versions = null)
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

        _filters = Filters(withinRange: true);
        _filtersOverAllDays = Filters(withinRange: false);
    }

    public IReadOnlyList<object> Parameters => _parameters;

    /// <summary>The distinct versions a product's installations reported up to the last day (<c>$1</c> product, <c>$2</c> day).</summary>
    public static string StoredVersions() => "SELECT DISTINCT version FROM insight_days WHERE product = $1 AND day <= $2";

    private string FieldParameter => "$" + (_parameters.Count + 1);

    public IReadOnlyList<object> ParametersWith(string field) => [.. _parameters, field];

    /// <summary>Installations per bucket; a day holds one row per installation, so a day is counted without DISTINCT.</summary>
    public string Active() =>
        $"SELECT {Bucket("d.day")} AS bucket, {(_unit == "day" ? "count(*)" : $"count(DISTINCT {Instance})")} FROM insight_days d"
        + $" WHERE d.product = $1 AND d.day >= $2 AND d.day <= $3{_filters} GROUP BY 1 ORDER BY 1";

    public string FirstSeen() =>
        $"SELECT {Bucket("first_day")} AS bucket, count(*) FROM"
        + $" (SELECT min(d.day) AS first_day FROM insight_days d WHERE d.product = $1{_filtersOverAllDays} GROUP BY {Instance}) s"
        + " WHERE first_day >= $2 AND first_day <= $3 GROUP BY 1 ORDER BY 1";

    /// <summary>An installation is lost on the day <paramref name="days"/> after its last report, once that day has come.</summary>
    public string Lost(int days, DateOnly today) =>
        $"SELECT {Bucket("lost_day")} AS bucket, count(*) FROM"
        + $" (SELECT max(d.day) + {days} AS lost_day FROM insight_days d WHERE d.product = $1{_filtersOverAllDays} GROUP BY {Instance}) s"
        + $" WHERE lost_day >= $2 AND lost_day <= $3 AND lost_day <= DATE '{today:yyyy-MM-dd}' GROUP BY 1 ORDER BY 1";

    /// <summary>Per bucket and text value, the installations whose latest value in the bucket it is.</summary>
    public string LatestText() =>
        "SELECT bucket, value, count(*) FROM"
        + $" (SELECT {Bucket("d.day")} AS bucket, {_dialect.Latest("coalesce(d.text, '')", "d.day")} AS value"
        + $" FROM insight_values d WHERE d.product = $1 AND d.day >= $2 AND d.day <= $3 AND d.field = {FieldParameter}{_filters}"
        + $" GROUP BY 1, {Instance}) s GROUP BY bucket, value";

    /// <summary>Each distinct latest number in the range with the installations whose latest number it is, ascending.</summary>
    public string LatestNumbers() =>
        "SELECT latest, count(*) FROM"
        + $" (SELECT {_dialect.Latest("d.number", "d.day")} AS latest FROM insight_values d"
        + $" WHERE d.product = $1 AND d.day >= $2 AND d.day <= $3 AND d.field = {FieldParameter}"
        + $" AND d.number IS NOT NULL{_filters} GROUP BY {Instance}) s GROUP BY latest ORDER BY latest";

    /// <summary>Per bucket, the installations whose latest value in the bucket is on (true or non-zero).</summary>
    public string LatestOn() =>
        "SELECT bucket, count(*) FROM"
        + $" (SELECT {Bucket("d.day")} AS bucket, {_dialect.Latest("CASE WHEN d.text = 'true' OR d.number > 0 THEN 1 ELSE 0 END", "d.day")} AS turned_on"
        + $" FROM insight_values d WHERE d.product = $1 AND d.day >= $2 AND d.day <= $3 AND d.field = {FieldParameter}{_filters}"
        + $" GROUP BY 1, {Instance}) s WHERE turned_on = 1 GROUP BY bucket";

    private string Instance => _dialect.InstanceKey("d.instance");

    private string Bucket(string day) => $"CAST(date_trunc('{_unit}', CAST({day} AS TIMESTAMP)) AS DATE)";

    /// <summary>
    /// The filters as conditions on the installation-day <c>d</c>: for each, the installation-days whose field holds
    /// the value (or whose version is in the range), as a set of (day, installation key) that <c>d</c> must be in.
    /// Keys rather than names, and the range's days only (<paramref name="withinRange"/>) where the question is bounded
    /// by them, keep that set small: DuckDB builds it in memory, and a correlated EXISTS made it build every day's.
    /// </summary>
    private string Filters(bool withinRange)
    {
        var filters = new StringBuilder();
        var days = withinRange ? " AND f.day >= $2 AND f.day <= $3" : string.Empty;
        foreach (var (field, value) in _fieldFilters)
        {
            filters.Append(InstallationDaysOf("insight_values", $"{days} AND f.field = ${field} AND f.text = ${value}"));
        }

        if (_versionParameters is { Count: 0 })
        {
            filters.Append(" AND 1 = 0");
        }
        else if (_versionParameters is not null)
        {
            filters.Append(InstallationDaysOf("insight_days", $"{days} AND f.version IN ({string.Join(", ", _versionParameters.Select(p => "$" + p))})"));
        }

        return filters.ToString();
    }

    private string InstallationDaysOf(string table, string conditions) =>
        $" AND (d.day, {Instance}) IN (SELECT f.day, {_dialect.InstanceKey("f.instance")} FROM {table} f WHERE f.product = $1{conditions})";
}
