using System.Text.Json;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Tests.Infrastructure;

namespace Telemetry.Reporter.Tests.Identity;

[TestFixture]
public sealed class FileInstanceIdentityStoreTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("telemetry-identity-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_EmptyDirectory_CreatesFileThatANewStoreReadsBack(CancellationToken cancellationToken)
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var dataDirectory = Path.Combine(_directory, "data");

        // Act
        var created = await new FileInstanceIdentityStore(dataDirectory, time).GetOrCreateAsync(cancellationToken);
        time.Advance(TimeSpan.FromDays(3));
        var reread = await new FileInstanceIdentityStore(dataDirectory, time).GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(created.Id, out _), Is.True);
            Assert.That(created.CreatedAt, Is.EqualTo(ManualTimeProvider.DefaultStart));
            Assert.That(created.Secret.Length, Is.EqualTo(32));
            Assert.That(reread.SameAs(created), Is.True);
            Assert.That(DataFiles(dataDirectory), Is.EqualTo(new[] { Path.Combine(dataDirectory, "instance.json") }));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_CorruptFile_ReplacesItWithANewIdentity(CancellationToken cancellationToken)
    {
        // Arrange
        var path = Path.Combine(_directory, FileInstanceIdentityStore.FileName);
        await File.WriteAllTextAsync(path, "{ not json", cancellationToken);

        // Act
        var identity = await new FileInstanceIdentityStore(_directory).GetOrCreateAsync(cancellationToken);

        // Assert
        using var stored = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        Assert.That(stored.RootElement.GetProperty("id").GetString(), Is.EqualTo(identity.Id));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_UnwritableDirectory_FallsBackToEphemeralIdAndWarns(CancellationToken cancellationToken)
    {
        // Arrange: a directory below a regular file cannot be created, whoever runs the test.
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, string.Empty, cancellationToken);
        var logs = new RecordingLoggerFactory();
        var store = new FileInstanceIdentityStore(Path.Combine(blocker, "data"), logger: logs.CreateLogger("test"));

        // Act
        var identity = await store.GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(identity.Id, Is.Not.Empty);
            Assert.That(Guid.TryParse(identity.Id, out _), Is.True);
            Assert.That(logs.EventNames, Does.Contain("IdentityNotPersisted"));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_ManyStoresRacing_AllAgreeOnOneIdentity(CancellationToken cancellationToken)
    {
        for (var round = 0; round < 25; round++)
        {
            // Arrange
            var directory = Path.Combine(_directory, $"round-{round}");
            var stores = Enumerable.Range(0, 8).Select(_ => new FileInstanceIdentityStore(directory)).ToList();

            // Act
            var identities = await Task.WhenAll(stores.Select(store => Task.Run(() => store.GetOrCreateAsync(cancellationToken), cancellationToken)));

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(identities.Select(i => i.Id).Distinct(), Has.Exactly(1).Items, $"round {round}");
                Assert.That(identities.All(i => i.SameAs(identities[0])), Is.True, $"round {round}");
                Assert.That(DataFiles(directory), Has.Length.EqualTo(1), "no temporary file is left behind");
            });
        }
    }

    /// <summary>The directory's files other than the creation lock, which stays for the next process.</summary>
    private static string[] DataFiles(string directory) =>
        Directory.GetFiles(directory).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToArray();
}
