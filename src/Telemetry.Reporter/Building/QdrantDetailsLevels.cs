using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// Qdrant's telemetry detail levels (<c>/telemetry?details_level=N</c>) over the parts of its payload the contract
/// carries: each level shows what the one below shows and more, as Qdrant's own levels do.
/// </summary>
/// <remarks>
/// Level 0: the instance <c>id</c>, <c>app</c>'s name, version, start-up time and JWT flags, the number of
/// collections and their limit, whether distributed mode is on, and crash reports. Level 1 adds the rest of
/// <c>app</c> (features, HNSW settings, system, audit), the raft status and cluster metadata, request statistics,
/// memory, hardware, search pools and quota. Level 2 adds the collections list and their snapshots, the cluster
/// configuration, peers and resharding. Level 3 and above add peer metadata, which Qdrant sends only above level 2:
/// the whole report.
/// </remarks>
internal static class QdrantDetailsLevels
{
    /// <summary>The lowest level that shows the whole payload; higher levels show the same.</summary>
    public const int Full = 3;

    /// <summary>Removes from <paramref name="report"/> what <paramref name="level"/> does not show.</summary>
    public static void Trim(QdrantReport report, int level)
    {
        if (level >= Full)
        {
            return;
        }

        report.Cluster?.PeerMetadata.Clear();
        if (level >= 2)
        {
            return;
        }

        if (report.Collections is { } collections)
        {
            collections.Collections.Clear();
            collections.Snapshots.Clear();
        }

        if (report.Cluster is { } cluster)
        {
            cluster.Config = null;
            cluster.Peers.Clear();
            cluster.ClearReshardingEnabled();
        }

        if (level >= 1)
        {
            return;
        }

        if (report.App is { } app)
        {
            app.Features = null;
            app.HnswGlobalConfig = null;
            app.System = null;
            app.Audit = null;
        }

        if (report.Cluster is { } basic)
        {
            basic.Status = null;
            basic.Metadata.Clear();
        }

        report.Requests = null;
        report.Memory = null;
        report.Hardware = null;
        report.SearchPool = null;
        report.Quota = null;
    }
}
