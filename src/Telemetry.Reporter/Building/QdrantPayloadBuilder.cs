using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A <see cref="QdrantReport"/>: the ID, application and system fields from the identity, build and runtime, and
/// the rest from metrics named by their path (such as the int <c>collections.number_of_collections</c>).
/// </summary>
internal sealed class QdrantPayloadBuilder : IPayloadBuilder
{
    public void Build(UsageReport report, ReportBuildContext context)
    {
        var qdrant = new QdrantReport();
        MessageFiller.Fill(qdrant, context.Snapshot);
        qdrant.Id = context.Identity.Id;
        qdrant.App ??= new QdrantApp();
        qdrant.App.Name = context.Options.Product;
        qdrant.App.Version = context.Build.Version;
        qdrant.App.Startup = Timestamp.FromDateTimeOffset(
            context.Snapshot.Time - context.Environment.Uptime.ToTimeSpan());
        qdrant.App.System ??= new QdrantSystem();
        qdrant.App.System.Cores = context.Environment.LogicalCpus;
        report.Qdrant = qdrant;
    }
}
