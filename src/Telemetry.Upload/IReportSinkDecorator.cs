namespace Telemetry.Upload;

/// <summary>
/// A sink that adds work around another (such as keeping rollups of what it stored). Code that needs the storage
/// sink itself, like the PostgreSQL migration at start, looks through decorators with <see cref="Unwrap"/>.
/// </summary>
public interface IReportSinkDecorator
{
    /// <summary>The sink this one stores through.</summary>
    IReportSink Inner { get; }

    /// <summary>The storage sink under any decorators.</summary>
    static IReportSink Unwrap(IReportSink sink)
    {
        while (sink is IReportSinkDecorator decorator)
        {
            sink = decorator.Inner;
        }

        return sink;
    }
}
