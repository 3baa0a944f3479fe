using Google.Protobuf;
using Telemetry.V1;

namespace Telemetry.Intake.Tests.Infrastructure;

/// <summary>Reads the collector's answer to an intake request.</summary>
internal static class Answers
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    /// <summary>The <see cref="ReportResult"/> in the body of an answer.</summary>
    public static async Task<ReportResult> ResultAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Parser.Parse<ReportResult>(await response.Content.ReadAsStringAsync(cancellationToken));
}
