using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Telemetry.V1;

namespace Telemetry.Ingestion.Validation;

/// <summary>
/// Validates a <see cref="UsageReport"/> and returns the first violation. The envelope rules are explicit; every
/// other field is checked by walking the message through its descriptors, so fields added to the contract are
/// covered without code changes: string lengths, collection sizes, finite doubles, and non-negative values in
/// fields that count things (unit <c>count</c>/<c>bytes</c>, names ending in <c>_total</c> or named <c>count</c>,
/// <c>Counter.total</c>, <c>Counter.rate</c>, <c>Histogram.counts</c>); histograms are checked as a whole as well
/// (ReportValidator.Histograms.cs). Thread-safe.
/// </summary>
public sealed partial class ReportValidator
{
    /// <summary>The only schema version telemetry.v1 defines.</summary>
    public const uint SupportedSchemaVersion = 1;

    // The range Timestamp can represent: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    private static readonly ConcurrentDictionary<MessageDescriptor, FieldCheck[]> Plans = new();

    [ThreadStatic]
    private static List<PathSegment>? _threadPath;

    private readonly ValidationOptions _options;
    private readonly TimeProvider _timeProvider;

    public ReportValidator(IOptions<ValidationOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>Validates <paramref name="report"/>; <see cref="ValidationResult.IsValid"/> when it may be buffered.</summary>
    public ValidationResult Validate(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var envelope = ValidateEnvelope(report);
        if (!envelope.IsValid)
        {
            return envelope;
        }

        var path = _threadPath ??= new List<PathSegment>(16);
        path.Clear();
        try
        {
            return Walk(report, path);
        }
        finally
        {
            path.Clear();
        }
    }

    /// <summary>Whether <paramref name="value"/> is a UUID in canonical form: lower-case hex, hyphenated 8-4-4-4-12, not nil.</summary>
    public static bool IsCanonicalUuid(string value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        var nonZero = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i is 8 or 13 or 18 or 23)
            {
                if (c != '-')
                {
                    return false;
                }
            }
            else if (c is >= '0' and <= '9' or >= 'a' and <= 'f')
            {
                nonZero |= c != '0';
            }
            else
            {
                return false;
            }
        }

        return nonZero;
    }

    private ValidationResult ValidateEnvelope(UsageReport report)
    {
        if (report.ReportId.Length == 0)
        {
            return ValidationResult.Fail("report_id", "report_id is required: a client-generated UUID naming the report.");
        }

        if (!IsCanonicalUuid(report.ReportId))
        {
            return ValidationResult.Fail("report_id", "report_id must be a non-nil UUID in lower-case hyphenated form, such as 0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90.");
        }

        if (report.SchemaVersion == 0)
        {
            return ValidationResult.Fail("schema_version", $"schema_version is required; this collector accepts {SupportedSchemaVersion}.");
        }

        if (report.SchemaVersion != SupportedSchemaVersion)
        {
            return ValidationResult.Fail("schema_version", string.Create(CultureInfo.InvariantCulture,
                $"schema_version {report.SchemaVersion} is not supported; this collector accepts {SupportedSchemaVersion}."));
        }

        var instance = ValidateInstance(report.Instance);
        if (!instance.IsValid)
        {
            return instance;
        }

        var time = ValidateReportTime(report.ReportTime);
        if (!time.IsValid)
        {
            return time;
        }

        return ValidatePayload(report);
    }

    private static ValidationResult ValidateInstance(InstanceIdentity? instance)
    {
        if (instance is null)
        {
            return ValidationResult.Fail("instance", "instance is required: the identity of the reporting installation.");
        }

        if (instance.ClusterId.Length == 0 && instance.InstanceId.Length == 0)
        {
            return ValidationResult.Fail("instance.cluster_id", "instance.cluster_id or instance.instance_id is required.");
        }

        if (instance.ClusterId.Length > 0 && !IsCanonicalUuid(instance.ClusterId))
        {
            return ValidationResult.Fail("instance.cluster_id", "instance.cluster_id must be a non-nil UUID in lower-case hyphenated form.");
        }

        if (instance.InstanceId.Length > 0 && !IsCanonicalUuid(instance.InstanceId))
        {
            return ValidationResult.Fail("instance.instance_id", "instance.instance_id must be a non-nil UUID in lower-case hyphenated form.");
        }

        if (instance.IntervalPeriod is { } period && (period.Seconds < 0 || period.Nanos < 0))
        {
            return ValidationResult.Fail("instance.interval_period", "instance.interval_period must not be negative.");
        }

        return ValidationResult.Success;
    }

    private ValidationResult ValidateReportTime(Timestamp? reportTime)
    {
        if (reportTime is null)
        {
            return ValidationResult.Fail("report_time", "report_time is required: when the report was built.");
        }

        if (reportTime.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds
            || reportTime.Nanos is < 0 or >= 1_000_000_000)
        {
            return ValidationResult.Fail("report_time", "report_time is not a valid timestamp.");
        }

        var now = _timeProvider.GetUtcNow();
        var time = reportTime.ToDateTimeOffset();
        if (time > now + _options.MaxFutureSkew)
        {
            return ValidationResult.Fail("report_time", string.Create(CultureInfo.InvariantCulture,
                $"report_time {time:O} is more than {_options.MaxFutureSkew} ahead of the collector's clock ({now:O})."));
        }

        if (time < now - _options.MaxReportAge)
        {
            return ValidationResult.Fail("report_time", string.Create(CultureInfo.InvariantCulture,
                $"report_time {time:O} is older than the accepted age of {_options.MaxReportAge}."));
        }

        return ValidationResult.Success;
    }

    private static ValidationResult ValidatePayload(UsageReport report)
    {
        if (report.PayloadCase == UsageReport.PayloadOneofCase.None)
        {
            return ValidationResult.Fail("payload", "A payload is required: exactly one of mimir, tempo, influxdb, coroot, qdrant, loki or generic.");
        }

        if (report.PayloadCase == UsageReport.PayloadOneofCase.Generic)
        {
            var product = report.Generic.Product;
            if (product.Length == 0)
            {
                return ValidationResult.Fail("generic.product", "generic.product is required: the product's lower-case name, such as \"loki\".");
            }

            if (!ProductName().IsMatch(product))
            {
                return ValidationResult.Fail("generic.product",
                    "generic.product must match [a-z][a-z0-9_-]{0,63}: a lower-case letter, then up to 63 lower-case letters, digits, '_' or '-'.");
            }

            // A modelled product's name would share its rate limits and ingest keys; such reports use their payload.
            // "loki" stays allowed: generic Loki reports predate its payload, and both count as the same product.
            if (product is "mimir" or "tempo" or "influxdb" or "coroot" or "qdrant")
            {
                return ValidationResult.Fail("generic.product", $"generic.product \"{product}\" has a payload of its own; send it as {product}.");
            }
        }

        return ValidationResult.Success;
    }

    private ValidationResult Walk(IMessage message, List<PathSegment> path)
    {
        foreach (var check in PlanFor(message.Descriptor))
        {
            if (check.SingularNumber is { } isValid)
            {
                if (!isValid(message))
                {
                    // Read again as an object only to name the problem.
                    path.Add(new PathSegment(check.Field.Name));
                    return CheckValue(check.Value, check.NonNegative, check.Field.Accessor.GetValue(message), path);
                }

                continue;
            }

            var value = check.Field.Accessor.GetValue(message);
            if (value is null)
            {
                continue;
            }

            path.Add(new PathSegment(check.Field.Name));
            var result = check.Field.IsMap ? WalkMap(check, (IDictionary)value, path)
                : check.Field.IsRepeated ? WalkRepeated(check, (IList)value, path)
                : CheckValue(check.Value, check.NonNegative, value, path);
            if (!result.IsValid)
            {
                return result;
            }

            path.RemoveAt(path.Count - 1);
        }

        return message is Histogram histogram ? ValidateHistogram(histogram, path) : ValidationResult.Success;
    }

    private ValidationResult WalkRepeated(FieldCheck check, IList list, List<PathSegment> path)
    {
        if (list.Count > _options.MaxCollectionCount)
        {
            return Fail(path, string.Create(CultureInfo.InvariantCulture,
                $"has {list.Count} elements; at most {_options.MaxCollectionCount} are accepted."));
        }

        // Typed loops for the common numeric cases avoid boxing every element.
        switch (list)
        {
            case RepeatedField<double> doubles:
                for (var i = 0; i < doubles.Count; i++)
                {
                    if (!double.IsFinite(doubles[i]) || (check.NonNegative && doubles[i] < 0))
                    {
                        return CheckAt(check, doubles[i], path, i);
                    }
                }

                return ValidationResult.Success;
            case RepeatedField<long> longs:
                for (var i = 0; i < longs.Count; i++)
                {
                    if (check.NonNegative && longs[i] < 0)
                    {
                        return CheckAt(check, longs[i], path, i);
                    }
                }

                return ValidationResult.Success;
            case RepeatedField<ulong> or RepeatedField<uint> or RepeatedField<bool>:
                return ValidationResult.Success;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var result = CheckAt(check, list[i], path, i);
            if (!result.IsValid)
            {
                return result;
            }
        }

        return ValidationResult.Success;
    }

    private ValidationResult CheckAt(FieldCheck check, object? element, List<PathSegment> path, int index)
    {
        path[^1] = path[^1] with { Index = index };
        return element is null ? ValidationResult.Success : CheckValue(check.Value, check.NonNegative, element, path);
    }

    private ValidationResult WalkMap(FieldCheck check, IDictionary map, List<PathSegment> path)
    {
        if (map.Count > _options.MaxCollectionCount)
        {
            return Fail(path, string.Create(CultureInfo.InvariantCulture,
                $"has {map.Count} entries; at most {_options.MaxCollectionCount} are accepted."));
        }

        var enumerator = map.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var key = enumerator.Key;
            path[^1] = path[^1] with { Key = key };
            if (key is string text && text.Length > _options.MaxStringLength)
            {
                return Fail(path, string.Create(CultureInfo.InvariantCulture,
                    $"has a key of {text.Length} characters; at most {_options.MaxStringLength} are accepted."), includeKey: false);
            }

            if (enumerator.Value is { } value)
            {
                var result = CheckValue(check.Value, check.NonNegative, value, path);
                if (!result.IsValid)
                {
                    return result;
                }
            }
        }

        return ValidationResult.Success;
    }

    private ValidationResult CheckValue(ValueKind kind, bool nonNegative, object value, List<PathSegment> path)
    {
        switch (kind)
        {
            case ValueKind.Message:
                return Walk((IMessage)value, path);
            case ValueKind.String:
                var text = (string)value;
                return text.Length <= _options.MaxStringLength
                    ? ValidationResult.Success
                    : Fail(path, string.Create(CultureInfo.InvariantCulture,
                        $"is {text.Length} characters long; at most {_options.MaxStringLength} are accepted."));
            case ValueKind.Double:
                var number = value is float single ? single : (double)value;
                if (!double.IsFinite(number))
                {
                    return Fail(path, "must be a finite number, not NaN or infinity.");
                }

                return nonNegative && number < 0 ? Fail(path, "must not be negative.") : ValidationResult.Success;
            case ValueKind.SignedInteger:
                var integer = value is int int32 ? int32 : (long)value;
                return nonNegative && integer < 0 ? Fail(path, "must not be negative.") : ValidationResult.Success;
            default:
                return ValidationResult.Success;
        }
    }

    private static ValidationResult Fail(List<PathSegment> path, string problem, bool includeKey = true)
    {
        var fieldPath = RenderPath(path, includeKey);
        return ValidationResult.Fail(fieldPath, fieldPath + " " + problem);
    }

    private static string RenderPath(List<PathSegment> path, bool includeLastKey)
    {
        var text = new StringBuilder();
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i];
            if (i > 0)
            {
                text.Append('.');
            }

            text.Append(segment.Name);
            if (segment.Index >= 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
            }
            else if (segment.Key is not null && (includeLastKey || i < path.Count - 1))
            {
                text.Append(segment.Key is string key ? $"[\"{Truncate(key)}\"]" : string.Create(CultureInfo.InvariantCulture, $"[{segment.Key}]"));
            }
        }

        return text.ToString();
    }

    private static string Truncate(string key) => key.Length <= 64 ? key : string.Concat(key.AsSpan(0, 64), "…");

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductName();

    private readonly record struct PathSegment(string Name)
    {
        public int Index { get; init; } = -1;

        public object? Key { get; init; }
    }
}
