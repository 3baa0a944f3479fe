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
public sealed partial class InsightsEndToEndTests(string sink)
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
            // Long enough to delete none of the population's reports; ListProducts says it.
            ["Insights:RawReportRetention"] = "3650.00:00:00",
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
    public async Task Grpc_GetActiveInstallations_WithReadToken_AnswersPerDay()
    {
        var request = new GetActiveInstallationsRequest { Product = Population.Product, StartDate = Date(Day0), EndDate = Date(Day0.AddDays(2)) };

        var response = await Insights.GetActiveInstallationsAsync(request, ReadHeaders);

        Assert.That(response.Points.Select(p => (p.Bucket, p.Active, p.NewInstallations)), Is.EqualTo(new[]
        {
            (Date(Day0), 7L, 7L), (Date(Day0.AddDays(1)), 12L, 5L), (Date(Day0.AddDays(2)), 12L, 0L),
        }));
    }

    [Test]
    public async Task Grpc_GetVersionAdoption_FoldsSmallGroupsIntoOther()
    {
        var day = Date(Day0.AddDays(2));

        var response = await Insights.GetVersionAdoptionAsync(new GetVersionAdoptionRequest { Product = Population.Product, StartDate = day, EndDate = day }, ReadHeaders);

        Assert.That(response.Shares.Select(s => (s.Value, s.Installations)), Is.EqualTo(new[] { ("2.0.0", 11L), (InsightsQueries.Other, 1L) }));
    }

    [Test]
    public async Task Grpc_GetBreakdown_Filtered_CountsOnlyMatchingInstallations()
    {
        var day = Date(Day0.AddDays(2));
        var request = new GetBreakdownRequest { Product = Population.Product, StartDate = day, EndDate = day, Field = "build.version", Filter = { "environment.os:linux" } };

        var response = await Insights.GetBreakdownAsync(request, ReadHeaders);

        Assert.That(response.Shares.Select(s => (s.Value, s.Installations)), Is.EqualTo(new[] { ("2.0.0", 7L), (InsightsQueries.Other, 1L) }));
    }

    [Test]
    public async Task Grpc_GetSizes_GivesPercentilesAndBinsOfAtLeastFive()
    {
        var request = new GetSizesRequest { Product = Population.Product, StartDate = Date(Day0), EndDate = Date(Day0.AddDays(2)), Field = "generic.metrics.series" };

        var response = await Insights.GetSizesAsync(request, ReadHeaders);

        Assert.Multiple(() =>
        {
            Assert.That(response.Installations, Is.EqualTo(12));
            Assert.That(response.Percentiles, Is.EqualTo(new SizePercentiles { P50 = 600, P90 = 1100, P99 = 1200 }));
            Assert.That(response.Bins.Sum(b => b.Installations), Is.EqualTo(12));
            Assert.That(response.Bins.Select(b => b.Installations), Has.All.GreaterThanOrEqualTo(5));
        });
    }

    [Test]
    public async Task Grpc_GetFeatureAdoption_Tracing_IsHalf()
    {
        var day = Date(Day0.AddDays(2));
        var request = new GetFeatureAdoptionRequest { Product = Population.Product, StartDate = day, EndDate = day, Field = "generic.metrics.tracing" };

        var response = await Insights.GetFeatureAdoptionAsync(request, ReadHeaders);

        Assert.That(response.Points.Single(), Is.EqualTo(new FeatureAdoption { Bucket = day, Active = 12, Adopted = 6, Share = 0.5 }));
    }

    [Test]
    public async Task Grpc_ListProductsAndFields_NameTheCatalogue()
    {
        var products = await Insights.ListProductsAsync(new ListProductsRequest(), ReadHeaders);
        var fields = await Insights.ListFieldsAsync(new ListFieldsRequest { Product = Population.Product }, ReadHeaders);

        Assert.Multiple(() =>
        {
            Assert.That(products.Products, Has.One.EqualTo(new ProductInstallations { Product = Population.Product, Installations = 12, RawReportsKeptDays = 3650 }));
            Assert.That(fields.Fields.Single(f => f.Path == "environment.os").Kind, Is.EqualTo(V1.InsightFieldKind.Categorical));
            Assert.That(fields.Fields.Single(f => f.Path == "generic.metrics.series").Kind, Is.EqualTo(V1.InsightFieldKind.Numeric));
        });
    }

    [Test]
    public async Task Grpc_ListUnknownFields_ShowsWhatTheIntakeCounted()
    {
        // A Coroot report with a field the contract does not model, through the intake as Coroot sends it.
        var body = $$"""{"instance": {"uuid": "{{Guid.NewGuid()}}", "version": "1.6.3"}, "brand_new_section": {"knob": 1} }""";
        using var posted = await _collector.Intake.PostAsync("/ce/usage-statistics", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var response = await Insights.ListUnknownFieldsAsync(new ListUnknownFieldsRequest { Product = "coroot" }, ReadHeaders);

        Assert.Multiple(() =>
        {
            Assert.That((int)posted.StatusCode, Is.EqualTo(200));
            Assert.That(response.Fields.Select(f => f.Path), Does.Contain("brand_new_section"));
            Assert.That(response.Fields.Single(f => f.Path == "brand_new_section").Reports, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Json_ActiveRoute_AnswersTheSameAsGrpcAndCsvFollows()
    {
        var query = $"start_date={Date(Day0)}&end_date={Date(Day0.AddDays(2))}";

        using var json = await GetAsync($"/insights/v1/products/{Population.Product}/active?{query}", ReadToken);
        using var csv = await GetAsync($"/insights/v1/products/{Population.Product}/active.csv?{query}", ReadToken);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var second = document.RootElement.GetProperty("points")[1];
            Assert.That(second.GetProperty("bucket").GetString(), Is.EqualTo(Date(Day0.AddDays(1))));
            Assert.That(second.GetProperty("active").GetInt64(), Is.EqualTo(12));
            Assert.That(second.GetProperty("newInstallations").GetInt64(), Is.EqualTo(5));
            Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(await csv.Content.ReadAsStringAsync(), Does.StartWith($"bucket,active,new,lost\r\n{Day0:yyyy-MM-dd},7,7,0\r\n"));
        });
    }

    [Test]
    public async Task Json_Answer_IsCachedInRedis()
    {
        using var response = await GetAsync($"/insights/v1/products/{Population.Product}/breakdown?field=environment.arch", ReadToken);
        using var redis = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Server.ConnectionString);
        var server = redis.GetServers().Single();
        var keys = server.Keys(pattern: _prefix + "insights:*").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(keys, Is.Not.Empty);
        });
    }

    [TestCase(null)]
    [TestCase(AdminToken)]
    [TestCase("wrong")]
    public void Grpc_WithoutTheReadToken_IsUnauthenticated(string? token)
    {
        var headers = token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + token } };

        var exception = Assert.ThrowsAsync<RpcException>(async () =>
            await Insights.ListProductsAsync(new ListProductsRequest(), headers));

        Assert.Multiple(() =>
        {
            Assert.That(exception.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
            Assert.That(exception.Status.Detail, Does.Contain("Insights:ReadToken"));
        });
    }

    [TestCase("/active", null)]
    [TestCase("/active", AdminToken)]
    [TestCase("/active.csv", null)]
    public async Task Http_WithoutTheReadToken_Answers401(string route, string? token)
    {
        using var response = await GetAsync($"/insights/v1/products/{Population.Product}{route}", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("breakdown", "no.such.field", "", "field")]
    [TestCase("sizes", "environment.os", "", "field")]
    [TestCase("active", "", "yesterday", "start_date")]
    [TestCase("breakdown", "build.version", "", "filter")]
    public void Grpc_InvalidArgument_NamesTheField(string question, string field, string startDate, string expected)
    {
        var filter = expected == "filter" ? "environment.nothing:linux" : null;

        var exception = Assert.ThrowsAsync<RpcException>(async () => _ = question switch
        {
            "breakdown" => (object)await Insights.GetBreakdownAsync(
                new GetBreakdownRequest { Product = Population.Product, Field = field, Filter = { filter is null ? [] : new[] { filter } } }, ReadHeaders),
            "sizes" => await Insights.GetSizesAsync(new GetSizesRequest { Product = Population.Product, Field = field }, ReadHeaders),
            _ => await Insights.GetActiveInstallationsAsync(new GetActiveInstallationsRequest { Product = Population.Product, StartDate = startDate }, ReadHeaders),
        });

        Assert.Multiple(() =>
        {
            Assert.That(exception.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(exception.Status.Detail, Does.StartWith(expected + ":").Or.StartWith(expected + " "));
        });
    }

    [TestCase("/active?bucket=INSIGHT_BUCKET_YEAR")]
    [TestCase("/sizes?field=environment.os")]
    [TestCase("/active.csv?end_date=tomorrow")]
    [TestCase("/nonsense.csv")]
    [TestCase("/active?filter=environment.os:a&filter=environment.os:b&filter=environment.os:c&filter=environment.os:d&filter=environment.os:e&filter=environment.os:f&filter=environment.os:g&filter=environment.os:h&filter=environment.os:i")]
    public async Task Http_BadParameter_Answers400(string route)
    {
        using var response = await GetAsync($"/insights/v1/products/{Population.Product}{route}", ReadToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(document.RootElement.GetProperty("message").GetString(), Is.Not.Empty);
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
            Assert.That(Numbers(seen, "fromVersionTwo", "active", "active"), Is.EqualTo(new[] { 5.0, 11 }));
            Assert.That(seen.GetProperty("initial").GetProperty("unknown").ValueKind, Is.EqualTo(JsonValueKind.Object), "the unmodelled fields table is drawn");
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

    private InsightsService.InsightsServiceClient Insights => new(_collector.Channel);

    private static Metadata ReadHeaders => new() { { "authorization", "Bearer " + ReadToken } };

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
