using System.Globalization;
using System.Text;
using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Contracts;

/// <summary>
/// Renders the field catalogue (docs/fields.md): every field reachable from <see cref="UsageReport"/>, with its
/// type, unit, privacy class and the products whose reports carry it. Generated from the descriptors, so the
/// documentation cannot drift from the contract.
/// </summary>
public static class FieldCatalog
{
    private const string EnvelopeProduct = "all";

    /// <summary>Renders the catalogue as Markdown.</summary>
    public static string Render()
    {
        var messages = new List<MessageDescriptor>();
        var products = new Dictionary<MessageDescriptor, SortedSet<string>>();
        Visit(UsageReport.Descriptor, EnvelopeProduct, messages, products);
        foreach (var payload in UsageReport.Descriptor.Oneofs.Single().Fields)
        {
            Visit(payload.MessageType, payload.Name, messages, products);
        }

        var text = new StringBuilder();
        text.Append("# Field catalogue\n\n");
        text.Append("Generated from the telemetry.v1 descriptors by `scripts/fields.sh`; do not edit by hand. ");
        text.Append("Every field a report can carry, with its type, unit and privacy class, and the products whose ");
        text.Append("reports carry it (`all`: the envelope every report has). The `.proto` files document each ");
        text.Append("field. Privacy classes: `public` is stored as sent, `rounded` to three significant digits, ");
        text.Append("`keyed hash` replaced by an HMAC under the collector's key, `never stored` removed on arrival.\n");
        foreach (var message in messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {message.FullName}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Defined in `{message.File.Name}`. Products: {string.Join(", ", products[message])}.\n\n");
            text.Append("| field | type | unit | privacy |\n|---|---|---|---|\n");
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                var unit = FieldAnnotations.GetUnit(field);
                text.Append(CultureInfo.InvariantCulture,
                    $"| `{field.Name}` | {TypeName(field)} | {(unit.Length == 0 ? "–" : unit)} | {PrivacyName(FieldAnnotations.GetPrivacy(field))} |\n");
            }
        }

        return text.ToString();
    }

    private static void Visit(
        MessageDescriptor message,
        string product,
        List<MessageDescriptor> messages,
        Dictionary<MessageDescriptor, SortedSet<string>> products)
    {
        if (message.File.Package != UsageReport.Descriptor.File.Package)
        {
            return;
        }

        if (!products.TryGetValue(message, out var set))
        {
            set = [];
            products.Add(message, set);
            messages.Add(message);
        }
        else if (set.Contains(product))
        {
            return;
        }

        set.Add(product);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (message == UsageReport.Descriptor && field.RealContainingOneof is not null)
            {
                continue;
            }

            var target = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
            if (target.FieldType == FieldType.Message)
            {
                Visit(target.MessageType, product, messages, products);
            }
        }
    }

    private static string TypeName(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            return $"map&lt;{ScalarOrMessageName(field.MessageType.FindFieldByNumber(1))}, {ScalarOrMessageName(field.MessageType.FindFieldByNumber(2))}&gt;";
        }

        var name = ScalarOrMessageName(field);
        if (field.IsRepeated)
        {
            return "repeated " + name;
        }

        return field.HasPresence && field.FieldType != FieldType.Message && field.RealContainingOneof is null
            ? "optional " + name
            : name;
    }

    private static string ScalarOrMessageName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => field.MessageType.File.Package == UsageReport.Descriptor.File.Package
            ? $"[{field.MessageType.Name}](#{Anchor(field.MessageType)})"
            : field.MessageType.FullName,
        FieldType.Enum => field.EnumType.Name,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    private static string Anchor(MessageDescriptor message) =>
        message.FullName.Replace(".", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static string PrivacyName(PrivacyClass privacy) => privacy switch
    {
        PrivacyClass.Rounded => "rounded",
        PrivacyClass.KeyedHash => "keyed hash",
        PrivacyClass.NeverStored => "**never stored**",
        _ => "public",
    };
}
