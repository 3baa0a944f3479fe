using System.Collections.Frozen;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Contracts;
using Telemetry.V1;

namespace Telemetry.Insights;

/// <summary>
/// The field catalogue (the telemetry.v1 descriptors and their privacy annotations, as in docs/fields.md) read as
/// insight fields, and the extraction of a report's values by it. Every singular scalar field is a field: strings,
/// enums and flags are categorical, numbers numeric. Left out: the instance identity and report envelope (ids and
/// times), repeated fields, timestamps and durations, and never-stored fields. A <see cref="GenericReport"/>'s
/// metrics are fields named <c>generic.metrics.&lt;name&gt;</c>.
/// </summary>
public static class InsightFields
{
    /// <summary>Prefix of a generic product's metric fields.</summary>
    public const string GenericMetricsPrefix = "generic.metrics.";

    /// <summary>The field that carries the version, also kept as its own rollup column.</summary>
    public const string VersionField = "build.version";

    private static readonly FrozenDictionary<string, InsightField> Catalogue = BuildCatalogue();

    /// <summary>Every modelled field, by path.</summary>
    public static IReadOnlyCollection<InsightField> All => Catalogue.Values;

    /// <summary>Describes a field path, or returns null when the catalogue has no such field.</summary>
    public static InsightField? Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Catalogue.TryGetValue(path, out var field))
        {
            return field;
        }

        // A generic metric is numeric unless it carries a string; the caller says which by asking for a kind.
        return path.StartsWith(GenericMetricsPrefix, StringComparison.Ordinal) && path.Length > GenericMetricsPrefix.Length
            ? new InsightField(path, InsightFieldKind.Numeric, PrivacyClass.Public, string.Empty)
            : null;
    }

    /// <summary>The report's values of every catalogue field it carries.</summary>
    public static List<FieldValue> Extract(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var values = new List<FieldValue>();
        Walk(report, string.Empty, values);
        if (report.Generic is { } generic)
        {
            foreach (var (name, metric) in generic.Metrics)
            {
                var field = GenericMetricsPrefix + name;
                switch (metric.KindCase)
                {
                    case MetricValue.KindOneofCase.StringValue:
                        values.Add(new FieldValue(field, metric.StringValue, null));
                        break;
                    case MetricValue.KindOneofCase.IntValue:
                        values.Add(new FieldValue(field, null, metric.IntValue));
                        break;
                    case MetricValue.KindOneofCase.FloatValue:
                        values.Add(new FieldValue(field, null, metric.FloatValue));
                        break;
                    case MetricValue.KindOneofCase.Counter:
                        values.Add(new FieldValue(field, null, metric.Counter.Total));
                        break;
                    case MetricValue.KindOneofCase.DistinctCount:
                        values.Add(new FieldValue(field, null, metric.DistinctCount.Count));
                        break;
                    case MetricValue.KindOneofCase.Statistics:
                        values.Add(new FieldValue(field, null, metric.Statistics.Avg));
                        break;
                    default:
                        break;
                }
            }
        }

        return values;
    }

    private static void Walk(IMessage message, string prefix, List<FieldValue> values)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (!Included(field))
            {
                continue;
            }

            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            switch (field.FieldType)
            {
                case FieldType.Message:
                    if (value is IMessage child)
                    {
                        Walk(child, path + ".", values);
                    }

                    break;
                case FieldType.String:
                    if (value is string { Length: > 0 } text)
                    {
                        values.Add(new FieldValue(path, text, null));
                    }

                    break;
                case FieldType.Bool:
                    var flag = (bool)value;
                    values.Add(new FieldValue(path, flag ? "true" : "false", flag ? 1 : 0));
                    break;
                case FieldType.Enum:
                    var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                    var name = field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture);
                    values.Add(new FieldValue(path, name, null));
                    break;
                case FieldType.Bytes:
                    break;
                default:
                    values.Add(new FieldValue(path, null, Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                    break;
            }
        }
    }

    private static bool Included(FieldDescriptor field)
    {
        if (field.IsRepeated || field.IsMap || FieldAnnotations.GetPrivacy(field) == PrivacyClass.NeverStored)
        {
            return false;
        }

        if (field.ContainingType == UsageReport.Descriptor)
        {
            // The envelope: ids and times say nothing about usage; the generic payload is read by its map.
            return field.FieldType == FieldType.Message
                ? field.Name is not ("instance" or "report_time" or "generic")
                : field.Name is "target" or "edition";
        }

        return field.FieldType != FieldType.Message || field.MessageType.File.Package == UsageReport.Descriptor.File.Package;
    }

    private static FrozenDictionary<string, InsightField> BuildCatalogue()
    {
        var fields = new Dictionary<string, InsightField>(StringComparer.Ordinal);
        Describe(UsageReport.Descriptor, string.Empty, fields);
        return fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Describe(MessageDescriptor message, string prefix, Dictionary<string, InsightField> fields)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (!Included(field))
            {
                continue;
            }

            var path = prefix + field.Name;
            if (field.FieldType == FieldType.Message)
            {
                Describe(field.MessageType, path + ".", fields);
                continue;
            }

            var kind = field.FieldType is FieldType.String or FieldType.Bool or FieldType.Enum
                ? InsightFieldKind.Categorical
                : InsightFieldKind.Numeric;
            if (field.FieldType != FieldType.Bytes)
            {
                fields[path] = new InsightField(path, kind, FieldAnnotations.GetPrivacy(field), FieldAnnotations.GetUnit(field));
            }
        }
    }
}
