namespace Telemetry.Upload;

/// <summary>
/// Partial success: the sink stored every report of the batch except <see cref="Rejections"/>. Permanent rejections
/// go to the dead letters at once. The others are retried: when <see cref="RetryAfter"/> is set they were throttled
/// (rate limited, overloaded) and are tried again after that delay without counting a delivery; otherwise each retry
/// counts a delivery, up to <see cref="UploadOptions.MaxDeliveries"/>.
/// </summary>
public sealed class ReportsRejectedException : Exception
{
    public ReportsRejectedException()
        : this([])
    {
    }

    public ReportsRejectedException(string message)
        : base(message)
    {
        Rejections = [];
    }

    public ReportsRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejections = [];
    }

    public ReportsRejectedException(IReadOnlyList<ReportRejection> rejections, TimeSpan? retryAfter = null)
        : base(Describe(rejections))
    {
        Rejections = rejections;
        RetryAfter = retryAfter;
    }

    /// <summary>The reports not stored.</summary>
    public IReadOnlyList<ReportRejection> Rejections { get; }

    /// <summary>Set when the retryable rejections were throttles: how long to wait before sending them again.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(IReadOnlyList<ReportRejection> rejections) =>
        rejections.Count == 0 ? "The sink rejected no report."
        : rejections.Count == 1 ? $"The sink rejected report {rejections[0].ReportId}: {rejections[0].Reason}"
        : $"The sink rejected {rejections.Count} reports; the first, {rejections[0].ReportId}: {rejections[0].Reason}";
}
