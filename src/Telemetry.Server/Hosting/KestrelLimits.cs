using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Telemetry.Server.Hosting;

/// <summary>
/// The collector's explicit HTTP/2 limits. Each applies unless the same setting is configured under
/// <c>Kestrel:Limits</c> (which Kestrel binds itself), so an operator can change any of them.
/// </summary>
internal static class KestrelLimits
{
    /// <summary>Concurrent calls per HTTP/2 connection; clients open more connections beyond it.</summary>
    public const int MaxStreamsPerConnection = 100;

    /// <summary>
    /// Flow-control windows larger than Kestrel's defaults let a long report stream upload without waiting for
    /// window updates; flow control still stops a sender whose reports are not being read.
    /// </summary>
    public const int InitialConnectionWindowSize = 4 * 1024 * 1024;

    public const int InitialStreamWindowSize = 2 * 1024 * 1024;

    /// <summary>An idle connection is pinged after this long, and closed when the ping is not answered in time.</summary>
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(20);

    public static void ApplyDefaults(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        kestrel.AddServerHeader = false;
        var http2 = kestrel.Limits.Http2;
        http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        http2.InitialConnectionWindowSize = InitialConnectionWindowSize;
        http2.InitialStreamWindowSize = InitialStreamWindowSize;
        http2.KeepAlivePingDelay = KeepAlivePingDelay;
        http2.KeepAlivePingTimeout = KeepAlivePingTimeout;
        // The operator's settings win: bound again over the defaults above.
        configuration.GetSection("Kestrel:Limits:Http2").Bind(http2);
    }
}
