using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Telemetry.Upload.Internal;

/// <summary>
/// One shard loop's own connection to the Redis node that holds its stream, for the commands that move every report:
/// XREADGROUP, XAUTOCLAIM and the acknowledgement script.
/// </summary>
/// <remarks>
/// <para>Why not the shared StackExchange.Redis multiplexer: 1.2.6 turns a reply of a thousand entries into a tree of
/// thousands of objects on its single reader thread, and every shard's replies queue behind one another there. Here
/// each shard has its own socket and reads its replies straight into the entries it keeps.</para>
/// <para>It follows the multiplexer's configuration (endpoints, password, TLS, default database) and asks it which
/// node owns the stream: on Redis Cluster the node serving the stream's hash slot, otherwise the primary. MOVED and
/// ASK redirections are followed. Any failure or timeout closes the socket (its state is unknown); the next call
/// connects again. Not thread-safe: one shard loop uses it at a time.</para>
/// </remarks>
internal sealed class ShardConnection(IConnectionMultiplexer redis, RedisKey stream, TimeSpan timeout) : IDisposable
{
    private const int MaxRedirects = 5;
    private const int InitialBufferSize = 64 * 1024;

    private readonly ConfigurationOptions _configuration = ConfigurationOptions.Parse(redis.Configuration);
    private readonly string _stream = (string)stream!;
    private readonly RespWriter _writer = new();
    private readonly Dictionary<string, string> _scriptHashes = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private Stream? _connection;
    private EndPoint? _redirect;

    /// <summary>Reads up to <paramref name="count"/> new entries for the consumer, without blocking.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(string consumer, int count, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(
            w => w.Begin(9).Add("XREADGROUP").Add("GROUP").Add(BufferKeys.ConsumerGroup).Add(consumer).Add("COUNT").Add(count).Add("STREAMS").Add(_stream).Add(">"),
            cancellationToken);
        return ReadGroupReply(reply.Span);
    }

    /// <summary>
    /// Claims entries idle for at least <paramref name="minIdle"/> from any consumer; returns the cursor to continue
    /// from (<c>0-0</c> when the scan is complete) and the claimed entries.
    /// </summary>
    public async Task<(string Cursor, IReadOnlyList<StreamEntry> Entries)> AutoClaimAsync(
        string consumer, TimeSpan minIdle, string start, int count, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(
            w => w.Begin(8).Add("XAUTOCLAIM").Add(_stream).Add(BufferKeys.ConsumerGroup).Add(consumer).Add((long)minIdle.TotalMilliseconds).Add(start).Add("COUNT").Add(count),
            cancellationToken);
        return AutoClaimReply(reply.Span);
    }

    /// <summary>
    /// Acknowledges stored entries and removes them from the stream (<see cref="UploadScripts.AckAndRemove"/>),
    /// giving <paramref name="bytes"/> back to the shard's counter in <paramref name="stats"/>. Returns the number
    /// removed.
    /// </summary>
    public Task<long> AcknowledgeAsync(string stats, IReadOnlyList<string> ids, long bytes, CancellationToken cancellationToken)
    {
        var highest = ids.Max(Comparer<string>.Create(StreamIds.Compare))!;
        var arguments = UploadScripts.AckAndRemoveArguments(ids, bytes, StreamIds.Next(highest));
        return EvaluateAsync(UploadScripts.AckAndRemove, [_stream, stats], arguments, cancellationToken);
    }

    /// <summary>Runs a script that returns an integer (EVALSHA, or EVAL the first time Redis lacks it).</summary>
    public async Task<long> EvaluateAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!_scriptHashes.TryGetValue(script, out var hash))
        {
#pragma warning disable CA5350 // Redis names a script by its SHA-1; nothing here depends on it being hard to forge.
            hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));
#pragma warning restore CA5350
            _scriptHashes[script] = hash;
        }

        var reply = await ExecuteAsync(w => WriteScript(w, "EVALSHA", hash, keys, arguments), cancellationToken, allowError: true);
        if (RespReader.Error(reply.Span) is { } error && error.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            reply = await ExecuteAsync(w => WriteScript(w, "EVAL", script, keys, arguments), cancellationToken);
        }

        return IntegerReply(reply.Span);
    }

    public void Dispose() => Disconnect();

    private static void WriteScript(RespWriter writer, string command, string script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments)
    {
        writer.Begin(3 + keys.Count + arguments.Count).Add(command).Add(script).Add(keys.Count);
        foreach (var key in keys)
        {
            writer.Add(key);
        }

        foreach (var argument in arguments)
        {
            writer.Add(argument);
        }
    }

    /// <summary>
    /// Sends one command and returns its reply, valid until the next call. Error replies throw
    /// <see cref="RedisReplyException"/> unless <paramref name="allowError"/>.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ExecuteAsync(Action<RespWriter> write, CancellationToken cancellationToken, bool allowError = false)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var asking = false;
            for (var redirects = 0; ; redirects++)
            {
                var connection = await ConnectedAsync(deadline.Token);
                _writer.Clear();
                if (asking)
                {
                    _writer.Begin(1).Add("ASKING");
                }

                write(_writer);
                await connection.WriteAsync(_writer.Written, deadline.Token);
                if (asking && RespReader.Error((await ReceiveAsync(connection, deadline.Token)).Span) is { } refused)
                {
                    // The command's own reply is still on its way: the connection cannot be used further.
                    Disconnect();
                    throw new RedisReplyException(refused);
                }

                var reply = await ReceiveAsync(connection, deadline.Token);
                var error = RespReader.Error(reply.Span);
                if (error is not null && redirects < MaxRedirects && Redirection(error) is { } target)
                {
                    // MOVED: the slot lives elsewhere now, go there for good. ASK: this one command, during a migration.
                    asking = error.StartsWith("ASK ", StringComparison.Ordinal);
                    Disconnect();
                    _redirect = target;
                    continue;
                }

                if (!allowError)
                {
                    ThrowIfError(reply);
                }

                return reply;
            }
        }
        catch (Exception exception) when (exception is not RedisReplyException)
        {
            Disconnect();
            _redirect = null;
            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Redis did not answer within {timeout.TotalMilliseconds:F0} ms (stream {_stream}).", exception);
            }

            throw;
        }
    }

    private async Task<Stream> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var endPoint = _redirect ?? OwnerOfStream();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            Stream connection = new NetworkStream(socket, ownsSocket: true);
            if (_configuration.Ssl)
            {
                var tls = new SslStream(connection, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _configuration.SslHost ?? Host(endPoint) }, cancellationToken);
                connection = tls;
            }

            _connection = connection;
            _start = _end = 0;
            if (!string.IsNullOrEmpty(_configuration.Password))
            {
                await SetUpAsync(connection, w => w.Begin(2).Add("AUTH").Add(_configuration.Password), cancellationToken);
            }

            if (_configuration.DefaultDatabase is { } database && database > 0)
            {
                await SetUpAsync(connection, w => w.Begin(2).Add("SELECT").Add(database), cancellationToken);
            }

            return connection;
        }
        catch
        {
            Disconnect();
            socket.Dispose();
            throw;
        }
    }

    private async Task SetUpAsync(Stream connection, Action<RespWriter> write, CancellationToken cancellationToken)
    {
        _writer.Clear();
        write(_writer);
        await connection.WriteAsync(_writer.Written, cancellationToken);
        ThrowIfError(await ReceiveAsync(connection, cancellationToken));
    }

    // The node the multiplexer would send the stream's commands to: the owner of its slot on a cluster, else the
    // primary.
    private EndPoint OwnerOfStream()
    {
        var endPoints = redis.GetEndPoints();
        foreach (var endPoint in endPoints)
        {
            var server = redis.GetServer(endPoint);
            if (server.ServerType == ServerType.Cluster)
            {
                if (server.ClusterConfiguration?.GetBySlot(_stream)?.EndPoint is { } owner)
                {
                    return owner;
                }
            }
            else if (server.IsConnected && !server.IsSlave)
            {
                return endPoint;
            }
        }

        return endPoints.Length > 0 ? endPoints[0] : throw new InvalidOperationException("The Redis configuration names no endpoint.");
    }

    /// <summary>Receives the next reply, valid until the next receive (the buffer is reused).</summary>
    private async Task<ReadOnlyMemory<byte>> ReceiveAsync(Stream connection, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        var scanner = new RespScanner();
        while (true)
        {
            if (scanner.TryComplete(_buffer.AsSpan(_start, _end - _start), out var length))
            {
                var reply = _buffer.AsMemory(_start, length);
                _start += length;
                return reply;
            }

            if (_end == _buffer.Length)
            {
                // Move the partial reply to the front, or grow when it fills the buffer; the scanner's position is
                // relative to the reply's start, so it stays valid.
                if (_start > 0)
                {
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                }
                else
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                _end -= _start;
                _start = 0;
            }

            var read = await connection.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException($"Redis closed the connection (stream {_stream}).");
            }

            _end += read;
        }
    }

    private void Disconnect()
    {
        _connection?.Dispose();
        _connection = null;
        _start = _end = 0;
    }

    private static void ThrowIfError(ReadOnlyMemory<byte> reply)
    {
        if (RespReader.Error(reply.Span) is { } error)
        {
            throw new RedisReplyException(error);
        }
    }

    // "MOVED 3999 127.0.0.1:6381" or "ASK 3999 127.0.0.1:6381"
    private static EndPoint? Redirection(string error)
    {
        if (!error.StartsWith("MOVED ", StringComparison.Ordinal) && !error.StartsWith("ASK ", StringComparison.Ordinal))
        {
            return null;
        }

        var address = error[(error.LastIndexOf(' ') + 1)..];
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var host = address[..colon].Trim('[', ']');
        return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
    }

    private static string Host(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => endPoint.ToString() ?? string.Empty,
    };

    private static List<StreamEntry> ReadGroupReply(ReadOnlySpan<byte> reply)
    {
        // Null when nothing is new; else [[stream, entries]].
        var reader = new RespReader(reply);
        if (reader.ReadArray() <= 0)
        {
            return [];
        }

        reader.ReadArray();
        reader.ReadString(out _);
        return ReadEntries(ref reader);
    }

    private static (string Cursor, IReadOnlyList<StreamEntry> Entries) AutoClaimReply(ReadOnlySpan<byte> reply)
    {
        // [cursor, entries, IDs of pending entries that were deleted (Redis 7.0+)]
        var reader = new RespReader(reply);
        reader.ReadArray();
        var cursor = reader.ReadText();
        return (cursor, ReadEntries(ref reader));
    }

    private static long IntegerReply(ReadOnlySpan<byte> reply)
    {
        var reader = new RespReader(reply);
        return reader.ReadInteger();
    }

    private static List<StreamEntry> ReadEntries(ref RespReader reader)
    {
        var count = reader.ReadArray();
        var entries = new List<StreamEntry>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadArray() < 0)
            {
                continue;
            }

            var id = reader.ReadText();
            var fields = new Dictionary<string, byte[]>(4, StringComparer.Ordinal);
            var values = reader.ReadArray();
            for (var j = 0; j + 1 < values; j += 2)
            {
                var name = StreamEntry.FieldName(reader.ReadString(out _));
                fields[name] = reader.ReadString(out _).ToArray();
            }

            entries.Add(new StreamEntry(id, fields));
        }

        return entries;
    }
}
