using Telemetry.Testing;

namespace Telemetry.Insights.Tests;

/// <summary>A fixture run once per store: for <c>postgres</c>, a PostgreSQL server serves all of its tests.</summary>
public abstract class PerStoreFixture(string storeName)
{
    /// <summary>The store the fixture runs with: <c>duckdb</c>/<c>files</c> or <c>postgres</c>.</summary>
    protected string StoreName { get; } = storeName;

    /// <summary>The fixture's PostgreSQL server; null for the embedded store.</summary>
    protected PostgresServer? Postgres { get; private set; }

    [OneTimeSetUp]
    public async Task StartPostgresAsync()
    {
        if (StoreName == "postgres")
        {
            Postgres = await PostgresServer.StartAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopPostgresAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
