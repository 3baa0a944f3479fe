namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>One buffered entry as read back with XRANGE.</summary>
internal sealed record StreamEntry(int Shard, string Id, string ReportId, string Product, long ArrivalMs, byte[] Report);
