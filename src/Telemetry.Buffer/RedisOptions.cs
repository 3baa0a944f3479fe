using System.ComponentModel.DataAnnotations;

namespace Telemetry.Buffer;

/// <summary>How the service reaches Redis, which holds the report buffer (with the report_ids it holds) and the rate limits.</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>redis:6379,password=…</c>. Defaults to
    /// <c>127.0.0.1:6379</c>. <c>abortConnect</c> is always forced to false, so the service starts while Redis is down.
    /// </summary>
    [Required]
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Prefix of every key the service writes, ending in a colon and without braces (braces would change the
    /// cluster hash tag). Defaults to <c>telemetry:v1:</c>. Tests give every test its own prefix.
    /// </summary>
    [Required]
    [RegularExpression(@"^[^{}\s]*$", ErrorMessage = "Redis:KeyPrefix must not contain braces or white space.")]
    public string KeyPrefix { get; set; } = "telemetry:v1:";

    /// <summary>
    /// How long one Redis call may take before it counts as failed (a report is then answered as unavailable); the
    /// multiplexer's synchronous and asynchronous timeout. Defaults to 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
