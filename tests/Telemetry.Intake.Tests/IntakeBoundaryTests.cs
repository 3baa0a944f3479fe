using Telemetry.Intake.Tests.Infrastructure;

namespace Telemetry.Intake.Tests;

/// <summary>What every intake route shares: the size limit, malformed bodies, the page a browser sees, the endpoint.</summary>
[TestFixture]
public sealed class IntakeBoundaryTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Post_BodyOverTheLimit_Answers413StoresNothingAndKeepsServing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken,
            new Dictionary<string, string?> { ["Intake:MaxRequestBodyBytes"] = "2048" });
        var cluster = Guid.NewGuid().ToString();
        var large = GrafanaBodies.Mimir(cluster).Replace("\"target\": \"all\"", $"\"target\": \"{new string('x', 4096)}\"", StringComparison.Ordinal);

        // Act
        using var tooLarge = await collector.PostAsync("/mimir-usage-report", large, cancellationToken);
        var text = await tooLarge.Content.ReadAsStringAsync(cancellationToken);
        var buffered = await collector.BufferedAsync();
        using var fits = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(cluster), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)tooLarge.StatusCode, Is.EqualTo(413));
            Assert.That(text, Does.Contain("2048 bytes").And.Contain("Intake:MaxRequestBodyBytes"));
            Assert.That(buffered, Is.Empty);
            Assert.That((int)fits.StatusCode, Is.EqualTo(200));
        });
    }

    [TestCase("/mimir-usage-report")]
    [TestCase("/tempo-usage-report")]
    [TestCase("/loki-usage-report")]
    [TestCase("/ce/usage-statistics")]
    [TestCase("/")]
    [CancelAfter(60_000)]
    public async Task Post_MalformedJson_Answers400StoresNothingAndKeepsServing(string path, CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var truncated = await collector.PostAsync(path, "{\"clusterID\": \"", cancellationToken);
        using var array = await collector.PostAsync(path, "[1, 2]", cancellationToken);
        var text = await truncated.Content.ReadAsStringAsync(cancellationToken);
        var buffered = await collector.BufferedAsync();
        using var health = await collector.Collector.Operations.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)truncated.StatusCode, Is.EqualTo(400));
            Assert.That(text, Does.StartWith("body: not valid JSON"));
            Assert.That((int)array.StatusCode, Is.EqualTo(400));
            Assert.That(buffered, Is.Empty);
            Assert.That((int)health.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Get_IntakePath_AnswersAPageLinkingTheFieldCatalogue(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var page = await collector.Http.GetAsync(new Uri("/mimir-usage-report", UriKind.Relative), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var fields = await collector.Http.GetStringAsync(new Uri("/fields", UriKind.Relative), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)page.StatusCode, Is.EqualTo(200));
            Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("Telemetry collector").And.Contain("mimir").And.Contain("href=\"/fields\""));
            Assert.That(fields, Does.Contain("ingester_inmemory_series"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Post_OnTheOperationsEndpoint_IsNotAnIntake(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        using var content = new StringContent(GrafanaBodies.Mimir(Guid.NewGuid().ToString()));

        // Act
        using var response = await collector.Collector.Operations.PostAsync(new Uri("/mimir-usage-report", UriKind.Relative), content, cancellationToken);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }
}
