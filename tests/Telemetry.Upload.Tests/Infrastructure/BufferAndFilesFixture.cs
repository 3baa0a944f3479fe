using StackExchange.Redis;
using Telemetry.Buffer;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>
/// A test's own key prefix on the shared Redis with the buffer's consumer groups created, and a report directory of
/// its own for the file sink, deleted afterwards.
/// </summary>
public abstract class BufferAndFilesFixture
{
    protected IConnectionMultiplexer Redis { get; private set; } = null!;

    protected string Prefix { get; private set; } = null!;

    protected string ReportsDirectory { get; private set; } = null!;

    protected TestBuffer Buffer { get; private set; } = null!;

    [SetUp]
    public async Task SetUpBufferAndFilesAsync()
    {
        (_, Redis) = await Servers.RedisAsync();
        Prefix = Servers.KeyPrefix();
        ReportsDirectory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        Buffer = new TestBuffer(Redis, new BufferKeyspace(Prefix, 4));
        await Buffer.CreateGroupsAsync();
    }

    [TearDown]
    public void DeleteReportsDirectory() => Directory.Delete(ReportsDirectory, recursive: true);
}
