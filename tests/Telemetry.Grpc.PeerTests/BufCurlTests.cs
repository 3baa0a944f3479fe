using System.Text.Json;
using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// <c>buf curl</c> (npm @bufbuild/buf) against the C# server: it learns the schema only through server reflection,
/// then calls with JSON bodies over the gRPC protocol (h2c prior knowledge).
/// </summary>
[TestFixture]
public sealed class BufCurlTests
{
    private static readonly TimeSpan BufTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] ServedServices =
    [
        "telemetry.peertest.v1.PeerTestService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    private PeerTestServer? _server;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Assert.That(File.Exists(RepositoryPaths.Buf), Is.True, $"{RepositoryPaths.Buf} is missing; run scripts/setup.sh (npm ci).");
        _server = await PeerTestServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [TestCase("grpc-v1")]
    [TestCase("grpc-v1alpha")]
    [CancelAfter(30_000)]
    public async Task ListServices_Reflection_ListsEveryServedService(string reflectProtocol, CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(["--list-services", "--reflect-protocol", reflectProtocol, _server!.Address], cancellationToken);

        // Assert
        var services = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(services, Is.EquivalentTo(ServedServices), result.ToString());
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_JsonBodyThroughReflection_ReturnsJsonAnswer(CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(
            ["-d", """{"name": "buf"}""", $"{_server!.Address}/telemetry.peertest.v1.PeerTestService/Echo"],
            cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var answer = JsonDocument.Parse(result.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(answer.RootElement.GetProperty("name").GetString(), Is.EqualTo("buf"));
            Assert.That(answer.RootElement.GetProperty("sequence").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_EmptyName_ReportsInvalidArgumentWithMessage(CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(
            ["-d", """{"name": ""}""", $"{_server!.Address}/telemetry.peertest.v1.PeerTestService/Echo"],
            cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        using var error = JsonDocument.Parse(result.StandardError);
        Assert.Multiple(() =>
        {
            Assert.That(error.RootElement.GetProperty("code").GetString(), Is.EqualTo("invalid_argument"));
            Assert.That(error.RootElement.GetProperty("message").GetString(), Is.EqualTo("name: must not be empty"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task EchoStream_TwoJsonDocuments_EchoesBoth(CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(
            ["-d", """{"name": "a"} {"name": "b"}""", $"{_server!.Address}/telemetry.peertest.v1.PeerTestService/EchoStream"],
            cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var answers = ReadJsonDocuments(result.StandardOutput)
            .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("sequence").GetInt32()))
            .ToList();
        Assert.That(answers, Is.EqualTo(new List<(string?, int)> { ("a", 1), ("b", 2) }), result.ToString());
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task HealthCheck_WholeServer_ReturnsServing(CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(
            ["-d", """{"service": ""}""", $"{_server!.Address}/grpc.health.v1.Health/Check"],
            cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var answer = JsonDocument.Parse(result.StandardOutput);
        Assert.That(answer.RootElement.GetProperty("status").GetString(), Is.EqualTo("SERVING"));
    }

    private static Task<ProcessResult> BufCurlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            RepositoryPaths.Buf,
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. arguments],
            BufTimeout,
            cancellationToken: cancellationToken);

    private static List<JsonElement> ReadJsonDocuments(string text)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }

        return documents;
    }
}
