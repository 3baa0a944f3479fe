using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Formats a batch of reports as one gzip member of report lines. Each line is formatted, encoded to UTF-8 and fed to
/// the compressor on its own, through buffers kept from one batch to the next, so a batch allocates no large
/// transient text, byte array or stream (those land on the large object heap and drive gen-2 collections).
/// </summary>
/// <remarks>Not thread-safe: one batch at a time; <see cref="ReportBatchEncoderPool"/> hands one to each writer.</remarks>
internal sealed class ReportBatchEncoder : IDisposable
{
    // UTF-8 is staged in blocks of this size before each write to the compressor: each write crosses into native zlib.
    private const int BlockSize = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _line = new(1024);
    private readonly StringWriter _lineWriter;
    private readonly MemoryStream _output = new();
    private char[] _chars = new char[1024];
    private byte[] _block = new byte[BlockSize];

    public ReportBatchEncoder()
    {
        _lineWriter = new StringWriter(_line, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Formats and compresses <paramref name="reports"/>. The result is valid until the next call, which reuses its
    /// memory.
    /// </summary>
    public ReadOnlyMemory<byte> Encode(IReadOnlyList<BufferedReport> reports)
    {
        _output.SetLength(0);
        using (var gzip = new GZipStream(_output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var used = 0;
            foreach (var report in reports)
            {
                _line.Clear();
                ReportLine.Write(_lineWriter, report);

                // Copied out whole rather than chunk by chunk, so a surrogate pair split across chunks encodes correctly.
                if (_chars.Length < _line.Length)
                {
                    _chars = new char[Math.Max(_line.Length, _chars.Length * 2)];
                }

                _line.CopyTo(0, _chars, _line.Length);
                var line = _chars.AsSpan(0, _line.Length);
                var needed = Utf8.GetMaxByteCount(line.Length);
                if (used + needed > _block.Length)
                {
                    gzip.Write(_block, 0, used);
                    used = 0;
                    if (needed > _block.Length)
                    {
                        _block = new byte[needed];
                    }
                }

                used += Utf8.GetBytes(line, _block.AsSpan(used));
            }

            gzip.Write(_block, 0, used);
        }

        return _output.GetBuffer().AsMemory(0, (int)_output.Length);
    }

    public void Dispose()
    {
        _lineWriter.Dispose();
        _output.Dispose();
    }
}
