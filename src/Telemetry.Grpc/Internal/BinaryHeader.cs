namespace Telemetry.Grpc.Internal;

/// <summary>Base64 for <c>-bin</c> metadata: emit unpadded, accept padded and unpadded, split joined values on ','.</summary>
internal static class BinaryHeader
{
    public static string Encode(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one header value, which may hold several comma-joined values.</summary>
    public static bool TryDecode(string value, List<byte[]> results)
    {
        foreach (var range in value.AsSpan().Split(','))
        {
            if (!TryDecodeOne(value.AsSpan()[range].Trim(), out var bytes))
            {
                return false;
            }

            results.Add(bytes);
        }

        return true;
    }

    public static bool TryDecodeOne(ReadOnlySpan<char> value, out byte[] bytes)
    {
        bytes = [];
        var unpadded = value.TrimEnd('=');
        var remainder = unpadded.Length % 4;
        if (remainder == 1)
        {
            return false;
        }

        var padded = remainder == 0 ? unpadded.ToString() : string.Concat(unpadded, remainder == 2 ? "==" : "=");
        var buffer = new byte[(padded.Length / 4) * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
