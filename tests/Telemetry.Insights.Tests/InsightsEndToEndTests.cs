using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// The whole path: a generated population sent over gRPC to a real collector, buffered in a real Redis, stored by
/// its uploader in the file sink (rollups in DuckDB) or the PostgreSQL sink (rollups in PostgreSQL), and the
/// questions answered from the rollups exactly as the population says.
/// </summary>
[TestFixture("files")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class InsightsEndToEndTests(string sink)
{
    private const string ReadToken = "read-secret";
    private const string AdminToken = "admin-secret";

    private static readonly DateOnly Day0 = Population.Day0;

    private PostgresServer? _postgres;
    private string _prefix = null!;
    private Collector _collector = null!;
    private InsightsQueries _queries = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:00:00.100",
            ["RateLimiting:Enabled"] = "false",
            ["Authentication:AdminToken"] = AdminToken,
            ["Insights:ReadToken"] = ReadToken,
        };
        if (sink == "postgres")
        {
            _postgres = await PostgresServer.StartAsync();
            settings["Upload:Sink"] = "postgres";
            settings["Upload:Postgres:ConnectionString"] = _postgres.ConnectionString;
        }

        _prefix = Collector.KeyPrefixForCurrentTest();
        _collector = await Collector.StartAsync(SharedRedis.Server, _prefix, settings);
        _queries = _collector.Services.GetRequiredService<InsightsQueries>();
        var reports = Population.Reports();
        foreach (var batch in reports.Chunk(20))
        {
            var request = new IngestReportsRequest { Reports = { batch } };
            var response = await _collector.Ingest.IngestReportsAsync(request);
            Assert.That(response.Results.Select(r => r.Outcome), Has.All.EqualTo(ReportOutcome.Accepted), response.Results[0].Reason);
        }

        // A client retry: the same reports again, which must change nothing.
        await _collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { reports.Take(10) } });
        await WaitForAsync(async () => (await ActiveAsync(Day0, Day0.AddDays(2))).Sum(r => (long)r[1]!) == 7 + 12 + 12
            && (await BreakdownAsync(Day0.AddDays(2), InsightFields.VersionField)).Count > 0);
        // The late report is the last one sent; wait until the buffer holds nothing more.
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _collector.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Test]
    public async Task Active_ThreeDays_CountsActiveAndNewInstallationsPerDay()
    {
        var rows = await ActiveAsync(Day0, Day0.AddDays(2));

        Assert.That(rows.Select(r => (r[0], r[1], r[2])), Is.EqualTo(new[]
        {
            ((object?)Day0, (object?)7L, (object?)7L),
            (Day0.AddDays(1), 12L, 5L),
            (Day0.AddDays(2), 12L, 0L),
        }));
    }

    [Test]
    public async Task Breakdown_Version_LatestReportOfTheDayWinsAndSmallGroupsFold()
    {
        var day1 = await BreakdownAsync(Day0.AddDays(1), "build.version");
        var day2 = await BreakdownAsync(Day0.AddDays(2), "build.version");

        Assert.Multiple(() =>
        {
            Assert.That(day1, Is.EqualTo(new[] { ("1.0.0", 7L), ("2.0.0", 5L) }));
            // Installation 6 stays on 1.0.0: its 9.9.9 report came last but was stamped earlier in the day. Alone
            // on 1.0.0, it is folded into "other" (fewer than five installations).
            Assert.That(day2, Is.EqualTo(new[] { ("2.0.0", 11L), (InsightsQueries.Other, 1L) }));
        });
    }

    [Test]
    public async Task Breakdown_OperatingSystem_FoldsGroupsBelowFiveIntoOther()
    {
        var rows = await BreakdownAsync(Day0.AddDays(2), "environment.os");

        Assert.That(rows, Is.EqualTo(new[] { ("linux", 8L), (InsightsQueries.Other, 4L) }));
    }

    [Test]
    public async Task Breakdown_Filtered_CountsOnlyMatchingInstallations()
    {
        var query = new InsightsQuery(Population.Product, Day0.AddDays(2), Day0.AddDays(2), Field: "build.version",
            Filters: new Dictionary<string, string> { ["environment.os"] = "linux" });

        var table = await _queries.BreakdownAsync(query);

        Assert.That(table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)), Is.EqualTo(new[] { ("2.0.0", 7L), (InsightsQueries.Other, 1L) }));
    }

    [Test]
    public async Task Sizes_Series_GivesNearestRankPercentiles()
    {
        var table = await _queries.SizesAsync(new InsightsQuery(Population.Product, Day0, Day0.AddDays(2), Field: "generic.metrics.series"));
        var statistics = table.Rows.Where(r => (string)r[0]! != "bin").ToDictionary(r => (string)r[0]!, r => (double)r[1]!);
        var bins = table.Rows.Where(r => (string)r[0]! == "bin").Select(r => (long)r[3]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(statistics, Is.EqualTo(new Dictionary<string, double>
            {
                ["installations"] = 12,
                ["p50"] = 600,
                ["p90"] = 1100,
                ["p99"] = 1200,
            }));
            Assert.That(bins.Sum(), Is.EqualTo(12));
            Assert.That(bins, Has.All.GreaterThanOrEqualTo(5));
        });
    }

    [Test]
    public async Task Adoption_Tracing_IsHalfOfTheActiveInstallations()
    {
        var table = await _queries.AdoptionAsync(new InsightsQuery(Population.Product, Day0.AddDays(2), Day0.AddDays(2), Field: "generic.metrics.tracing"));

        Assert.That(table.Rows.Single(), Is.EqualTo(new object?[] { Day0.AddDays(2), 12L, 6L, 0.5 }));
    }

    [Test]
    public async Task Api_WithReadToken_AnswersJsonAndCsv()
    {
        var query = $"product={Population.Product}&from={Day0:yyyy-MM-dd}&to={Day0.AddDays(2):yyyy-MM-dd}";

        using var json = await GetAsync($"/insights/api/active?{query}", ReadToken);
        using var csv = await GetAsync($"/insights/api/active?{query}&format=csv", ReadToken);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "bucket", "active", "new", "lost" }));
            Assert.That(document.RootElement.GetProperty("rows")[1][1].GetInt64(), Is.EqualTo(12));
            Assert.That(await csv.Content.ReadAsStringAsync(), Does.StartWith($"bucket,active,new,lost\r\n{Day0:yyyy-MM-dd},7,7,0\r\n"));
        });
    }

    [Test]
    public async Task Api_AnswerIsCachedInRedis()
    {
        using var response = await GetAsync($"/insights/api/breakdown?product={Population.Product}&field=environment.arch", ReadToken);
        using var redis = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Server.ConnectionString);
        var server = redis.GetServers().Single();
        var keys = server.Keys(pattern: _prefix + "insights:*").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(keys, Is.Not.Empty);
        });
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase(AdminToken, HttpStatusCode.Unauthorized)]
    public async Task Api_WithoutTheReadToken_IsRefused(string? token, HttpStatusCode expected)
    {
        using var response = await GetAsync($"/insights/api/active?product={Population.Product}", token);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase("breakdown", "field=no.such.field", "field")]
    [TestCase("sizes", "field=environment.os", "field")]
    [TestCase("active", "from=yesterday", "from")]
    [TestCase("active", "bucket=year", "bucket")]
    [TestCase("unknown", "", "question")]
    public async Task Api_BadParameter_Answers400NamingIt(string question, string parameters, string parameter)
    {
        using var response = await GetAsync($"/insights/api/{question}?product={Population.Product}&{parameters}", ReadToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(document.RootElement.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Dashboard_InChromium_DrawsTheSeriesAndFollowsFieldAndRange(CancellationToken cancellationToken)
    {
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"insights-{sink}.png");

        var seen = await DashboardBrowser.BrowseAsync(_collector.Operations.BaseAddress!, ReadToken, Day0.AddDays(1), screenshot);
        TestContext.AddTestAttachment(screenshot, "the dashboard after narrowing the range");

        Assert.Multiple(() =>
        {
            Assert.That(seen.GetProperty("errors").GetArrayLength(), Is.Zero, seen.GetProperty("errors").ToString());
            Assert.That(seen.GetProperty("status").GetString(), Is.Empty);
            Assert.That(Numbers(seen, "initial", "active", "active"), Is.EqualTo(new[] { 7.0, 12, 12 }));
            Assert.That(Numbers(seen, "initial", "active", "new"), Is.EqualTo(new[] { 7.0, 5, 0 }));
            Assert.That(Numbers(seen, "initial", "versions", "2.0.0"), Is.EqualTo(new[] { 0, 5.0 / 12, 11.0 / 12 }).Within(1e-9));
            Assert.That(Numbers(seen, "byOs", "field", "linux"), Is.EqualTo(new[] { 1, 8.0 / 12, 8.0 / 12 }).Within(1e-9));
            Assert.That(Numbers(seen, "narrowed", "active", "active"), Is.EqualTo(new[] { 12.0, 12 }));
            Assert.That(File.Exists(screenshot));
        });
    }

    [Test]
    public async Task Rebuild_FromStoredReports_GivesTheSameAnswers()
    {
        var active = await ActiveAsync(Day0, Day0.AddDays(2));
        var versions = await BreakdownAsync(Day0.AddDays(2), InsightFields.VersionField);
        var systems = await BreakdownAsync(Day0.AddDays(2), "environment.os");

        var read = await _collector.Services.GetRequiredService<RollupRebuild>().RunAsync();

        Assert.Multiple(async () =>
        {
            // Everything stored: the population, less the retried duplicates, plus the late report.
            Assert.That(read, Is.GreaterThanOrEqualTo(Population.Reports().Count));
            Assert.That(await ActiveAsync(Day0, Day0.AddDays(2)), Is.EqualTo(active));
            Assert.That(await BreakdownAsync(Day0.AddDays(2), InsightFields.VersionField), Is.EqualTo(versions));
            Assert.That(await BreakdownAsync(Day0.AddDays(2), "environment.os"), Is.EqualTo(systems));
        });
    }

    [Test]
    public async Task DeleteInstanceData_RemovesTheInstallationFromRollups()
    {
        // Arrange: an installation of a product of its own, so the population's answers stay as they are.
        var query = new InsightsQuery("acme-deleted", Day0, Day0);
        var doomed = Population.Report(0, 0, hour: 12, "1.0.0");
        doomed.Generic.Product = query.Product;
        doomed.Instance.InstanceId = "00000000-0000-4000-8000-0000000000ff";
        await _collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { doomed } });
        await WaitForAsync(async () => (await _queries.ActiveAsync(query)).Rows.Count == 1);
        var headers = new Metadata { { "authorization", "Bearer " + AdminToken } };

        // Act
        await _collector.Admin.DeleteInstanceDataAsync(new DeleteInstanceDataRequest { InstanceKey = doomed.Instance.InstanceId }, headers);

        // Assert
        Assert.That((await _queries.ActiveAsync(query)).Rows, Is.Empty);
    }

    private static double[] Numbers(JsonElement seen, string step, string chart, string series) =>
        seen.GetProperty(step).GetProperty(chart).GetProperty(series).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private Task<List<object?[]>> ActiveAsync(DateOnly from, DateOnly to) =>
        _queries.ActiveAsync(new InsightsQuery(Population.Product, from, to)).ContinueWith(t => t.Result.Rows.ToList(), TaskScheduler.Default);

    private async Task<List<(string Value, long Installations)>> BreakdownAsync(DateOnly day, string field)
    {
        var table = await _queries.BreakdownAsync(new InsightsQuery(Population.Product, day, day, Field: field));
        return table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)).ToList();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _collector.Operations.SendAsync(request);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the rollups did not reach the population within 60 s");
            }

            await Task.Delay(200);
        }
    }
}
