using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter.Redis;

/// <summary>
/// A cluster identity shared through Redis by every replica of a cluster (as Tempo and Loki share a seed through
/// their ring store), so that all replicas report one cluster ID and align their schedules to one creation time.
/// </summary>
/// <remarks>
/// <para>
/// One Lua script stores a new seed only if the key holds no valid seed (missing or corrupt) and returns the seed
/// in force, so replicas agree on the first seed written, whenever they start and whatever their clocks say. A
/// stored seed is never replaced by an older candidate: replicas racing at start-up create candidates microseconds
/// apart, and letting the older one displace the stored one would leave the replica that wrote first with a
/// different identity.
/// </para>
/// <para>
/// The seed holds a random nonce; the installation's secret is derived from it with HKDF, so the secret is not
/// computable from the cluster ID that reports carry. The seed never expires. Thread-safe; the seed is read once
/// per store and cached.
/// </para>
/// </remarks>
public sealed class RedisInstanceIdentityStore : IInstanceIdentityStore
{
    /// <summary>The default key: <c>telemetry:v1:reporter:seed</c>.</summary>
    public const string DefaultKey = TelemetryReporterOptions.DefaultRedisSeedKey;

    private const string Script = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local ok, seed = pcall(cjson.decode, current)
          if ok and type(seed) == 'table' and type(seed.id) == 'string' and type(seed.created_at_ms) == 'number'
             and type(seed.nonce) == 'string' then
            return current
          end
        end
        redis.call('SET', KEYS[1], ARGV[1])
        return ARGV[1]
        """;

    private static readonly byte[] SecretInfo = "telemetry.v1 reporter installation secret"u8.ToArray();

    private readonly IConnectionMultiplexer _connection;
    private readonly RedisKey _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private InstallationIdentity? _identity;

    /// <summary>Creates a store that keeps the seed under <paramref name="key"/>.</summary>
    /// <param name="connection">The process's Redis connection; the store does not dispose it.</param>
    /// <param name="key">The key of the seed; every replica of a cluster must use the same. Defaults to <see cref="DefaultKey"/>.</param>
    /// <param name="timeProvider">The clock creation times are read from; defaults to the system clock.</param>
    /// <param name="timeout">How long one Redis call may take. Defaults to 5 seconds.</param>
    public RedisInstanceIdentityStore(
        IConnectionMultiplexer connection,
        string key = DefaultKey,
        TimeProvider? timeProvider = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _connection = connection;
        _key = key;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
    }

    /// <inheritdoc />
    /// <exception cref="RedisConnectionException">Redis could not be reached; the caller retries later.</exception>
    /// <exception cref="TimeoutException">Redis did not answer in time; the caller retries later.</exception>
    public async Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _identity) is { } cached)
        {
            return cached;
        }

        // Concurrent callers may both run the script; it is atomic in Redis, so they get the same seed.
        var candidate = Seed.Create(_timeProvider.GetUtcNow());
        var result = await _connection.GetDatabase()
            .ScriptEvaluateAsync(Script, [_key], [candidate.ToJson()])
            .WaitAsync(_timeout, cancellationToken)
            .ConfigureAwait(false);
        var seed = Seed.Parse((string?)result ?? throw new InvalidOperationException("The seed script returned nothing."));
        return Interlocked.CompareExchange(ref _identity, seed.ToIdentity(), null) ?? _identity;
    }

    private sealed record Seed(string Id, long CreatedAtMs, byte[] Nonce)
    {
        public static Seed Create(DateTimeOffset now) =>
            new(Guid.NewGuid().ToString("D"), now.ToUnixTimeMilliseconds(), RandomNumberGenerator.GetBytes(32));

        public static Seed Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new Seed(
                root.GetProperty("id").GetString() ?? throw new JsonException("The seed has no id."),
                root.GetProperty("created_at_ms").GetInt64(),
                Convert.FromBase64String(root.GetProperty("nonce").GetString() ?? string.Empty));
        }

        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", Id);
                writer.WriteNumber("created_at_ms", CreatedAtMs);
                writer.WriteBase64String("nonce", Nonce);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public InstallationIdentity ToIdentity()
        {
            var secret = HKDF.DeriveKey(HashAlgorithmName.SHA256, Nonce, 32, Encoding.UTF8.GetBytes(Id), SecretInfo);
            return new InstallationIdentity(Id, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), IdentityScope.Cluster, secret);
        }
    }
}
