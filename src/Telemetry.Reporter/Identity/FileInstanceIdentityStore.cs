using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Reporter.Diagnostics;

namespace Telemetry.Reporter.Identity;

/// <summary>
/// Keeps the installation's identity in <c>instance.json</c> in a data directory (as Coroot does), with its creation
/// time and the installation's secret.
/// </summary>
/// <remarks>
/// The file is created atomically (written to a temporary file, then renamed), so concurrent processes sharing the
/// directory agree on one identity and a crash never leaves a half-written file. A missing or corrupt file is
/// replaced by a new identity. If the directory cannot be written, the process uses a temporary identity and logs a
/// warning; the identifier is never empty. Thread-safe; the identity is read once per store.
/// </remarks>
public sealed class FileInstanceIdentityStore : IInstanceIdentityStore
{
    /// <summary>The identity file's name.</summary>
    public const string FileName = "instance.json";

    private readonly string _directory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lazy<InstallationIdentity> _identity;

    /// <summary>Creates a store for <paramref name="directory"/>.</summary>
    /// <param name="directory">The data directory; created if missing.</param>
    /// <param name="timeProvider">The clock creation times are read from; defaults to the system clock.</param>
    /// <param name="logger">Receives the warning when the directory cannot be written.</param>
    public FileInstanceIdentityStore(string directory, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = directory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _identity = new Lazy<InstallationIdentity>(LoadOrCreate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The identity file's full path.</summary>
    public string FilePath => Path.Combine(_directory, FileName);

    /// <inheritdoc />
    public Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_identity.Value);

    private InstallationIdentity LoadOrCreate()
    {
        try
        {
            Directory.CreateDirectory(_directory);
            if (TryRead(FilePath, out _) is { } existing)
            {
                return existing;
            }

            // Creating (or replacing a corrupt file) happens under an exclusive lock shared by every process using
            // the directory, so racing processes agree on one identity: the first creates it, the others read it.
            using (AcquireCreationLock())
            {
                if (TryRead(FilePath, out var exists) is { } created)
                {
                    return created;
                }

                if (exists)
                {
                    // Corrupt: kept aside for inspection rather than overwritten.
                    File.Move(FilePath, $"{FilePath}.corrupt-{Guid.NewGuid():N}");
                }

                var identity = EphemeralInstanceIdentityStore.Create(_timeProvider.GetUtcNow());
                var temporary = Path.Combine(_directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
                File.WriteAllBytes(temporary, Serialize(identity));
                File.Move(temporary, FilePath, overwrite: true);
                return identity;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ReporterLog.IdentityNotPersisted(_logger, _directory, exception);
            return EphemeralInstanceIdentityStore.Create(_timeProvider.GetUtcNow());
        }
    }

    /// <summary>
    /// Opens the directory's lock file exclusively (an advisory lock across processes), waiting up to five seconds
    /// for another process to finish creating the identity.
    /// </summary>
    private FileStream AcquireCreationLock()
    {
        var path = Path.Combine(_directory, $".{FileName}.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10);
            }
        }
    }

    private static InstallationIdentity? TryRead(string path, out bool exists)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            exists = true;
        }
        catch (FileNotFoundException)
        {
            exists = false;
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString();
            var createdAt = root.GetProperty("created_at").GetDateTimeOffset();
            var secret = root.GetProperty("secret").GetBytesFromBase64();
            return Guid.TryParse(id, out var guid) && secret.Length >= 32
                ? new InstallationIdentity(guid.ToString("D"), createdAt, IdentityScope.Instance, secret)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static byte[] Serialize(InstallationIdentity identity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", identity.Id);
            writer.WriteString("created_at", identity.CreatedAt.ToUniversalTime());
            writer.WriteBase64String("secret", identity.Secret);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
