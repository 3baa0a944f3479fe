using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Telemetry.V1;

namespace Telemetry.Reporter.Metrics;

/// <summary>The number of distinct values seen, such as distinct tenants or distinct query shapes.</summary>
/// <remarks>
/// <para>
/// Values are never kept: each is replaced at once by an HMAC-SHA256 under the installation's secret, and only the
/// count leaves the process. Memory is bounded by <see cref="Capacity"/>: up to that many distinct values the count
/// is exact; beyond it the metric keeps the <see cref="Capacity"/> smallest hashes and estimates the count from
/// them (a k-minimum-values sketch, relative error about 1/√capacity).
/// </para>
/// <para>Cumulative since the metric was created. Thread-safe.</para>
/// </remarks>
public sealed class DistinctCountMetric : Metric
{
    private readonly MetricRegistry _registry;
    private readonly Lock _lock = new();
    private readonly SortedSet<ulong> _smallest = [];
    private bool _saturated;

    internal DistinctCountMetric(string name, int capacity, MetricRegistry registry)
        : base(name)
    {
        Capacity = capacity;
        _registry = registry;
    }

    /// <summary>How many hashes the metric keeps at most.</summary>
    public int Capacity { get; }

    /// <summary>Records that <paramref name="value"/> was seen.</summary>
    /// <param name="value">The value; only its keyed hash is kept.</param>
    public void Record(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Record(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Records that the value with the bytes <paramref name="value"/> was seen.</summary>
    /// <param name="value">The value's bytes; only their keyed hash is kept.</param>
    public void Record(ReadOnlySpan<byte> value)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_registry.HashKey, value, mac);
        var hash = BinaryPrimitives.ReadUInt64BigEndian(mac);
        lock (_lock)
        {
            if (_smallest.Count < Capacity)
            {
                _smallest.Add(hash);
                return;
            }

            if (hash < _smallest.Max && _smallest.Add(hash))
            {
                _smallest.Remove(_smallest.Max);
                _saturated = true;
            }
            else if (hash > _smallest.Max)
            {
                _saturated = true;
            }
        }
    }

    /// <summary>The number of distinct values seen: exact up to <see cref="Capacity"/>, estimated beyond.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                if (!_saturated)
                {
                    return _smallest.Count;
                }

                // The k-th smallest of n uniform hashes lies near k/n of the hash range.
                var fraction = (_smallest.Max + 1.0) / (ulong.MaxValue + 1.0);
                return (long)Math.Round((Capacity - 1) / fraction);
            }
        }
    }

    internal override MetricValue Read() => new() { DistinctCount = new DistinctCount { Count = Count } };
}
