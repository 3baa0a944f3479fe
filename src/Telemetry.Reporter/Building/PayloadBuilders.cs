namespace Telemetry.Reporter.Building;

/// <summary>Chooses the payload builder for a product.</summary>
internal static class PayloadBuilders
{
    public static IPayloadBuilder For(string product) => product switch
    {
        "mimir" => new MimirPayloadBuilder(),
        "tempo" => new TempoPayloadBuilder(),
        "influxdb" => new InfluxDbPayloadBuilder(),
        "coroot" => new CorootPayloadBuilder(),
        "qdrant" => new QdrantPayloadBuilder(),
        _ => new GenericPayloadBuilder(),
    };
}
