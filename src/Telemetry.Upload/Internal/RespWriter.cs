using System.Buffers.Text;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Writes Redis commands in RESP2 (an array of bulk strings per command) into one buffer that is kept from one
/// request to the next, so a batch acknowledgement of a thousand IDs is formatted without per-argument allocations.
/// </summary>
internal sealed class RespWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private byte[] _buffer = new byte[16 * 1024];
    private int _length;

    /// <summary>Everything written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Starts a command of <paramref name="arguments"/> parts, the command name included.</summary>
    public RespWriter Begin(int arguments)
    {
        Header((byte)'*', arguments);
        return this;
    }

    public RespWriter Add(string value)
    {
        var bytes = Utf8.GetByteCount(value);
        Header((byte)'$', bytes);
        Ensure(bytes + 2);
        _length += Utf8.GetBytes(value, _buffer.AsSpan(_length));
        NewLine();
        return this;
    }

    public RespWriter Add(ReadOnlySpan<byte> value)
    {
        Header((byte)'$', value.Length);
        Ensure(value.Length + 2);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        NewLine();
        return this;
    }

    public RespWriter Add(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        return Add(digits[..written]);
    }

    private void Header(byte type, int count)
    {
        Ensure(16);
        _buffer[_length++] = type;
        Utf8Formatter.TryFormat(count, _buffer.AsSpan(_length), out var written);
        _length += written;
        NewLine();
    }

    private void NewLine()
    {
        _buffer[_length++] = (byte)'\r';
        _buffer[_length++] = (byte)'\n';
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
