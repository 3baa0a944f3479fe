using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Telemetry.Ingestion.Diagnostics;

namespace Telemetry.Intake;

/// <summary>
/// The intake's instruments, on the ingestion meter (<see cref="IngestionMetrics.MeterName"/>): vendor fields the
/// contract does not model, per product and field, and relay outcomes. Each unmodelled field is also logged once,
/// so that the contract can follow the vendors.
/// </summary>
public sealed partial class IntakeMetrics
{
    /// <summary>Attribute naming the product whose native report was received.</summary>
    public const string ProductAttribute = "telemetry.intake.product";

    /// <summary>Attribute naming an unmodelled field (dot-separated path, map keys and indexes left out).</summary>
    public const string FieldAttribute = "telemetry.intake.field";

    /// <summary>Attribute naming what the relay did: <c>forwarded</c>, <c>failed</c> or <c>blocked</c>.</summary>
    public const string RelayResultAttribute = "telemetry.intake.relay.result";

    /// <summary>Most distinct product and field pairs counted separately; further fields are counted as <c>other</c>.</summary>
    public const int MaxFields = 512;

    private readonly Counter<long> _unknownFields;
    private readonly Counter<long> _relayed;
    private readonly ConcurrentDictionary<(string Product, string Field), bool> _seen = new();
    private readonly ILogger<IntakeMetrics> _logger;

    public IntakeMetrics(IMeterFactory meterFactory, ILogger<IntakeMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(IngestionMetrics.MeterName);
        _unknownFields = meter.CreateCounter<long>("telemetry.intake.unknown_fields", "{field}",
            "Fields of native reports that the contract does not model, by product and field.");
        _relayed = meter.CreateCounter<long>("telemetry.intake.relayed", "{request}",
            "Native reports forwarded, failed to forward or blocked, by product.");
        _logger = logger;
    }

    /// <summary>Counts the unmodelled fields of one report and logs each one the first time it is seen.</summary>
    public void UnknownFields(string product, IReadOnlyList<string> fields)
    {
        foreach (var field in fields.Distinct(StringComparer.Ordinal))
        {
            var key = (product, field);
            var counted = _seen.ContainsKey(key) || _seen.Count < MaxFields ? field : "other";
            if (_seen.TryAdd((product, counted), true))
            {
                Log.UnknownField(_logger, product, counted);
            }

            _unknownFields.Add(1, new(ProductAttribute, product), new(FieldAttribute, counted));
        }
    }

    /// <summary>Counts one relay outcome.</summary>
    public void Relayed(string product, string result) =>
        _relayed.Add(1, new(ProductAttribute, product), new(RelayResultAttribute, result));

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, EventName = "UnknownNativeField", Level = LogLevel.Information,
            Message = "A {Product} report carries the field {Field}, which the contract does not model; it is counted in telemetry.intake.unknown_fields and dropped")]
        public static partial void UnknownField(ILogger logger, string product, string field);
    }
}
