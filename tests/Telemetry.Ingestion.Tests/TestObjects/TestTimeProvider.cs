namespace Telemetry.Ingestion.Tests.TestObjects;

/// <summary>A clock that stands still at a given instant.</summary>
internal sealed class TestTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
