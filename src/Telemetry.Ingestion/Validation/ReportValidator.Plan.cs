using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Contracts;
using Telemetry.V1;

namespace Telemetry.Ingestion.Validation;

// The checks of each message type, planned once from its descriptor and the contract's annotations.
public sealed partial class ReportValidator
{
    private static FieldCheck[] PlanFor(MessageDescriptor descriptor) => Plans.GetOrAdd(descriptor, static d =>
    {
        var checks = new List<FieldCheck>();
        foreach (var field in d.Fields.InFieldNumberOrder())
        {
            var target = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
            var kind = KindOf(target);
            var nonNegative = IsNonNegative(d, field);
            var needed = field.IsRepeated || kind is ValueKind.Message or ValueKind.String or ValueKind.Double
                || (kind == ValueKind.SignedInteger && nonNegative);
            if (needed)
            {
                checks.Add(new FieldCheck(field, kind, nonNegative, field.IsRepeated ? null : SingularNumberCheck(field, kind, nonNegative)));
            }
        }

        return checks.ToArray();
    });

    // Whether a singular number is valid, read through a typed getter: the reflection accessor would box it.
    private static Func<IMessage, bool>? SingularNumberCheck(FieldDescriptor field, ValueKind kind, bool nonNegative)
    {
        switch (kind)
        {
            case ValueKind.Double:
                var readDouble = ScalarFieldAccess.Getter<double>(field);
                return message => readDouble(message) is var number && double.IsFinite(number) && !(nonNegative && number < 0);
            case ValueKind.SignedInteger:
                var readInteger = ScalarFieldAccess.Getter<long>(field);
                return message => !nonNegative || readInteger(message) >= 0;
            default:
                return null;
        }
    }

    private static ValueKind KindOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => ValueKind.Message,
        FieldType.String => ValueKind.String,
        FieldType.Double or FieldType.Float => ValueKind.Double,
        FieldType.Int32 or FieldType.Int64 or FieldType.SInt32 or FieldType.SInt64 or FieldType.SFixed32 or FieldType.SFixed64 => ValueKind.SignedInteger,
        _ => ValueKind.Other,
    };

    private static bool IsNonNegative(MessageDescriptor message, FieldDescriptor field)
    {
        var unit = FieldAnnotations.GetUnit(field);
        return unit is "count" or "bytes" or "kibibytes"
            || field.Name.EndsWith("_total", StringComparison.Ordinal)
            || field.Name == "count"
            || (message == Counter.Descriptor && field.Name is "total" or "rate")
            || (message == Histogram.Descriptor && field.Name == "counts");
    }

    private enum ValueKind
    {
        Other,
        Message,
        String,
        Double,
        SignedInteger,
    }

    private sealed record FieldCheck(FieldDescriptor Field, ValueKind Value, bool NonNegative, Func<IMessage, bool>? SingularNumber);
}
