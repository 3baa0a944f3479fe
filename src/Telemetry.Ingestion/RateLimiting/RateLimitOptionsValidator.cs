using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.RateLimiting;

/// <summary>Validates the default limit and every per-product override (DataAnnotations do not reach into the dictionary).</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check("RateLimiting:Default", options.Default, failures);
        foreach (var (product, limit) in options.Products)
        {
            Check($"RateLimiting:Products:{product}", limit, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string path, ProductRateLimit? limit, List<string> failures)
    {
        if (limit is null)
        {
            failures.Add($"{path} is empty.");
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
        }
    }
}
