using System.Net;

namespace Telemetry.Intake.Internal;

/// <summary>
/// What a person who opens an intake URL in a browser sees: what this collector is, what it keeps, and where the
/// field catalogue is.
/// </summary>
internal static class AboutPage
{
    public static string Render(string product) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Telemetry collector</title></head>
        <body>
        <h1>Telemetry collector</h1>
        <p>This address receives the anonymous usage reports that {WebUtility.HtmlEncode(product)} sends to its vendor.
        It belongs to the operators of this network, not to the vendor: they record each report here, and forward it
        to the vendor or block it as they have chosen.</p>
        <p>Every report is validated and anonymized before it is stored: fields that could identify a person are
        dropped, large numbers are rounded, identifying names are replaced by keyed hashes, and the sender's address
        is never stored.</p>
        <p>The <a href="/fields">field catalogue</a> lists every field that is kept, with its unit and privacy class.</p>
        </body>
        </html>
        """;
}
