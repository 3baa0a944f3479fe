using System.Buffers.Text;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Finds where a RESP2 reply ends while it is still arriving, so the connection knows when to stop reading. Only the
/// headers are looked at (bulk payloads are skipped by their length), and each call resumes where the last one
/// stopped, so a large reply that arrives in many reads is scanned once.
/// </summary>
internal struct RespScanner
{
    private int _position;
    private long _expected;

    public RespScanner()
    {
        _expected = 1;
    }

    /// <summary>
    /// Whether <paramref name="received"/> (everything received of this reply so far, from its first byte) holds the
    /// whole reply, and then its <paramref name="length"/>.
    /// </summary>
    public bool TryComplete(ReadOnlySpan<byte> received, out int length)
    {
        length = 0;
        while (_expected > 0)
        {
            var end = received[_position..].IndexOf("\r\n"u8);
            if (end < 0)
            {
                return false;
            }

            var type = received[_position];
            var next = _position + end + 2;
            if (type is (byte)'*' or (byte)'$')
            {
                var line = received.Slice(_position + 1, end - 1);
                if (!Utf8Parser.TryParse(line, out long count, out var used) || used != line.Length)
                {
                    throw new InvalidDataException($"Redis sent a malformed length: {Encoding.ASCII.GetString(line)}");
                }

                if (type == '$' && count >= 0)
                {
                    if (received.Length - next < count + 2)
                    {
                        return false;
                    }

                    next += (int)count + 2;
                }
                else if (type == '*')
                {
                    _expected += Math.Max(count, 0);
                }
            }

            _position = next;
            _expected--;
        }

        length = _position;
        return true;
    }
}
