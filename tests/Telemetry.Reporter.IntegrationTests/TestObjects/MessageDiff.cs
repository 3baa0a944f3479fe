using System.Collections;
using Google.Protobuf;

namespace Telemetry.Reporter.IntegrationTests.TestObjects;

/// <summary>Compares two messages field by field and names every field path whose values differ.</summary>
internal static class MessageDiff
{
    public static List<string> Compare(IMessage expected, IMessage actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, expected.Descriptor.Name, differences);
        return differences;
    }

    /// <summary>The number of leaf values in a message, so a test can say how many it compared.</summary>
    public static int CountValues(IMessage message)
    {
        var count = 0;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            IEnumerable items = field.IsMap ? ((IDictionary)value).Values : field.IsRepeated ? (IList)value : new[] { value };
            foreach (var item in items)
            {
                count += item is IMessage nested ? CountValues(nested) : item is null ? 0 : 1;
            }
        }

        return count;
    }

    private static void Compare(IMessage expected, IMessage actual, string path, List<string> differences)
    {
        foreach (var field in expected.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = $"{path}.{field.Name}";
            var left = field.Accessor.GetValue(expected);
            var right = field.Accessor.GetValue(actual);
            if (field.IsMap)
            {
                var expectedMap = (IDictionary)left;
                var actualMap = (IDictionary)right;
                foreach (var key in expectedMap.Keys.Cast<object>().Union(actualMap.Keys.Cast<object>()))
                {
                    CompareValue(expectedMap.Contains(key) ? expectedMap[key] : null, actualMap.Contains(key) ? actualMap[key] : null, $"{name}[{key}]", differences);
                }
            }
            else if (field.IsRepeated)
            {
                var expectedList = (IList)left;
                var actualList = (IList)right;
                for (var i = 0; i < Math.Max(expectedList.Count, actualList.Count); i++)
                {
                    CompareValue(i < expectedList.Count ? expectedList[i] : null, i < actualList.Count ? actualList[i] : null, $"{name}[{i}]", differences);
                }
            }
            else
            {
                CompareValue(left, right, name, differences);
            }
        }
    }

    private static void CompareValue(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is IMessage left && actual is IMessage right)
        {
            Compare(left, right, path, differences);
        }
        else if (!Equals(expected, actual))
        {
            differences.Add($"{path}: expected {expected ?? "nothing"}, stored {actual ?? "nothing"}");
        }
    }
}
