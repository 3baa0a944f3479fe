using System.Buffers.Text;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Reads one complete RESP2 reply from memory, element by element, without building a tree of objects: the caller
/// walks the shape it expects (an XREADGROUP reply is arrays of bulk strings) and copies out only what it keeps.
/// </summary>
internal ref struct RespReader(ReadOnlySpan<byte> reply)
{
    private readonly ReadOnlySpan<byte> _reply = reply;
    private int _position;

    /// <summary>An error reply (<c>-NOGROUP …</c>), if the reply is one.</summary>
    public static string? Error(ReadOnlySpan<byte> reply) =>
        reply.Length > 0 && reply[0] == '-' ? Encoding.UTF8.GetString(reply[1..reply.IndexOf("\r\n"u8)]) : null;

    /// <summary>An array's element count, or -1 for a null array.</summary>
    public int ReadArray() => (int)ReadNumber((byte)'*');

    public long ReadInteger() => ReadNumber((byte)':');

    /// <summary>A bulk or simple string; <paramref name="isNull"/> for a null bulk string.</summary>
    public ReadOnlySpan<byte> ReadString(out bool isNull)
    {
        isNull = false;
        if (Peek() == '+')
        {
            return Line();
        }

        var length = ReadNumber((byte)'$');
        if (length < 0)
        {
            isNull = true;
            return default;
        }

        var value = _reply.Slice(_position, (int)length);
        _position += (int)length + 2;
        return value;
    }

    public string ReadText() => Encoding.UTF8.GetString(ReadString(out _));

    private byte Peek() => _reply[_position];

    private long ReadNumber(byte type)
    {
        var found = Peek();
        if (found != type)
        {
            throw new InvalidDataException($"Redis sent '{(char)found}' where '{(char)type}' was expected.");
        }

        var line = Line();
        if (!Utf8Parser.TryParse(line, out long value, out var used) || used != line.Length)
        {
            throw new InvalidDataException($"Redis sent a malformed number: {Encoding.ASCII.GetString(line)}");
        }

        return value;
    }

    // The rest of the current line after its type byte; moves past the line.
    private ReadOnlySpan<byte> Line()
    {
        var end = _reply[_position..].IndexOf("\r\n"u8);
        var line = _reply.Slice(_position + 1, end - 1);
        _position += end + 2;
        return line;
    }
}
