namespace Telemetry.Upload;

/// <summary>
/// Partial success: the sink stored every report of the batch except <see cref="Rejections"/>, and may ask for the
/// retried ones again after <see cref="RetryAfter"/>.
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

    /// <summary>The earliest time to retry the retryable rejections, when the sink said.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(IReadOnlyList<ReportRejection> rejections) =>
        rejections.Count == 0 ? "The sink rejected no report."
        : rejections.Count == 1 ? $"The sink rejected report {rejections[0].ReportId}: {rejections[0].Reason}"
        : $"The sink rejected {rejections.Count} reports; the first, {rejections[0].ReportId}: {rejections[0].Reason}";
}
