using System.Net;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// Version ranges over the population: installations 0–6 on 1.0.0 from day 0, 0–5 on 2.0.0 on day 2, 7–11 on 2.0.0
/// from day 1 (installation 6's late 9.9.9 report never wins its day).
/// </summary>
public sealed partial class InsightsEndToEndTests
{
    [Test]
    public async Task Active_FromVersionTwo_CountsOnlyInstallationDaysOnTwo()
    {
        var query = new InsightsQuery(Population.Product, Day0, Day0.AddDays(2), Versions: Range("2.0.0", null));

        var rows = (await _queries.ActiveAsync(query)).Rows;

        // New on day 2: installations 0–5, first seen on 2.0.0 that day.
        Assert.That(rows, Is.EqualTo(new[]
        {
            new object?[] { Day0.AddDays(1), 5L, 5L, 0L },
            new object?[] { Day0.AddDays(2), 11L, 6L, 0L },
        }));
    }

    [Test]
    public async Task Active_LostAfterOneDay_CountsEveryInstallationOnTheDayAfterItsLastReport()
    {
        var queries = QueriesLostAfterOneDay();

        var rows = (await queries.ActiveAsync(new InsightsQuery(Population.Product, Day0, Day0.AddDays(3)))).Rows;

        // Every installation last reported on day 2.
        Assert.That(rows[^1], Is.EqualTo(new object?[] { Day0.AddDays(3), 0L, 0L, 12L }));
    }

    [Test]
    public async Task Active_LinuxFromVersionTwo_CountsNewAndLostFromTheDaysThatHoldBoth()
    {
        var queries = QueriesLostAfterOneDay();
        var query = new InsightsQuery(Population.Product, Day0, Day0.AddDays(3), Versions: Range("2.0.0", null),
            Filters: new Dictionary<string, string> { ["environment.os"] = "linux" });

        var rows = (await queries.ActiveAsync(query)).Rows;

        // Linux on 2.0.0: installation 7 from day 1, installations 0–5 on day 2 (6 stays on 1.0.0, 8–11 are not linux).
        Assert.That(rows, Is.EqualTo(new[]
        {
            new object?[] { Day0.AddDays(1), 1L, 1L, 0L },
            new object?[] { Day0.AddDays(2), 7L, 6L, 0L },
            new object?[] { Day0.AddDays(3), 0L, 0L, 7L },
        }));
    }

    [Test]
    public async Task Breakdown_UpToVersionOne_CountsOnlyInstallationsStillOnOne()
    {
        var query = new InsightsQuery(Population.Product, Day0.AddDays(1), Day0.AddDays(1), Field: "environment.os", Versions: Range(null, "v1.0.0"));

        var table = await _queries.BreakdownAsync(query);

        Assert.That(table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)), Is.EqualTo(new[] { ("linux", 7L) }));
    }

    [Test]
    public async Task Sizes_FromVersionTwo_UsesTheInstallationsOnTwo()
    {
        var query = new InsightsQuery(Population.Product, Day0, Day0.AddDays(2), Field: "generic.metrics.series", Versions: Range("2", null));

        var table = await _queries.SizesAsync(query);

        Assert.That(table.Rows.Single(r => (string)r[0]! == "installations")[1], Is.EqualTo(11.0));
    }

    [Test]
    public async Task Grpc_GetVersionAdoption_PreReleaseBoundIsBelowItsRelease()
    {
        var day = Date(Day0.AddDays(1));
        var upToRelease = new GetVersionAdoptionRequest { Product = Population.Product, StartDate = day, EndDate = day, MinVersion = "1.0.0-rc.1", MaxVersion = "1.0.0" };
        var upToCandidate = new GetVersionAdoptionRequest { Product = Population.Product, StartDate = day, EndDate = day, MaxVersion = "1.0.0-rc.1" };

        var release = await Insights.GetVersionAdoptionAsync(upToRelease, ReadHeaders);
        var candidate = await Insights.GetVersionAdoptionAsync(upToCandidate, ReadHeaders);

        Assert.Multiple(() =>
        {
            Assert.That(release.Shares.Select(s => (s.Value, s.Installations)), Is.EqualTo(new[] { ("1.0.0", 7L) }));
            Assert.That(candidate.Shares, Is.Empty);
        });
    }

    [Test]
    public async Task Grpc_GetFeatureAdoption_FromVersionTwo_CountsTheInstallationsOnTwo()
    {
        var day = Date(Day0.AddDays(2));
        var request = new GetFeatureAdoptionRequest { Product = Population.Product, StartDate = day, EndDate = day, Field = "generic.metrics.tracing", MinVersion = "2.0.0" };

        var response = await Insights.GetFeatureAdoptionAsync(request, ReadHeaders);

        Assert.That(response.Points.Single(), Is.EqualTo(new FeatureAdoption { Bucket = day, Active = 11, Adopted = 6, Share = 6.0 / 11 }));
    }

    [Test]
    public async Task Grpc_RangeWithoutStoredVersions_AnswersNothing()
    {
        var request = new GetActiveInstallationsRequest { Product = Population.Product, StartDate = Date(Day0), EndDate = Date(Day0.AddDays(2)), MinVersion = "2.0.1" };

        var response = await Insights.GetActiveInstallationsAsync(request, ReadHeaders);

        Assert.That(response.Points, Is.Empty);
    }

    [Test]
    public async Task Json_VersionRange_QueryParametersFilterJsonAndCsv()
    {
        var query = $"start_date={Date(Day0)}&end_date={Date(Day0.AddDays(2))}&max_version=1.9";

        using var json = await GetAsync($"/insights/v1/products/{Population.Product}/active?{query}", ReadToken);
        using var csv = await GetAsync($"/insights/v1/products/{Population.Product}/active.csv?{query}", ReadToken);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("active").GetInt64()), Is.EqualTo(new[] { 7L, 7, 1 }));
            Assert.That(await csv.Content.ReadAsStringAsync(), Is.EqualTo(
                $"bucket,active,new,lost\r\n{Date(Day0)},7,7,0\r\n{Date(Day0.AddDays(1))},7,0,0\r\n{Date(Day0.AddDays(2))},1,0,0\r\n"));
        });
    }

    [TestCase("banana", "", "min_version")]
    [TestCase("", "2.x", "max_version")]
    [TestCase("2.0.0", "1.9.9", "min_version")]
    public void Grpc_InvalidVersionRange_IsInvalidArgumentNamingTheField(string min, string max, string expected)
    {
        var request = new GetBreakdownRequest { Product = Population.Product, Field = "environment.os", MinVersion = min, MaxVersion = max };

        var exception = Assert.ThrowsAsync<RpcException>(async () => await Insights.GetBreakdownAsync(request, ReadHeaders));

        Assert.Multiple(() =>
        {
            Assert.That(exception.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(exception.Status.Detail, Does.StartWith(expected + " "));
        });
    }

    [TestCase("/active?min_version=banana")]
    [TestCase("/active.csv?min_version=3&max_version=2")]
    public async Task Http_InvalidVersionRange_Answers400(string route)
    {
        using var response = await GetAsync($"/insights/v1/products/{Population.Product}{route}", ReadToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>Questions over the fixture's rollups that count an installation lost the day after its last report.</summary>
    private InsightsQueries QueriesLostAfterOneDay() =>
        new(_collector.Services.GetRequiredService<RollupStore>(), Options.Create(new InsightsOptions { LostAfter = TimeSpan.FromDays(1) }));

    private static VersionRange Range(string? min, string? max) =>
        new(min is null ? null : VersionRange.Parse(min), max is null ? null : VersionRange.Parse(max));
}
