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
        var configured = configuration.GetSection("Kestrel:Limits:Http2");
        if (configured[nameof(Http2Limits.MaxStreamsPerConnection)] is null)
        {
            http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        }

        if (configured[nameof(Http2Limits.InitialConnectionWindowSize)] is null)
        {
            http2.InitialConnectionWindowSize = InitialConnectionWindowSize;
        }

        if (configured[nameof(Http2Limits.InitialStreamWindowSize)] is null)
        {
            http2.InitialStreamWindowSize = InitialStreamWindowSize;
        }

        if (configured[nameof(Http2Limits.KeepAlivePingDelay)] is null)
        {
            http2.KeepAlivePingDelay = KeepAlivePingDelay;
        }

        if (configured[nameof(Http2Limits.KeepAlivePingTimeout)] is null)
        {
            http2.KeepAlivePingTimeout = KeepAlivePingTimeout;
        }
    }
}
