using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Telemetry.Upload.Internal;

/// <summary>Validates the nested sink sections and the rules that span several options.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var failures = new List<string>();
        Annotations(options, "Upload", failures);
        Annotations(options.Files, "Upload:Files", failures);
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add("Upload:RetryMaxDelay must not be less than Upload:RetryInitialDelay.");
        }

        if (options.ClaimIdleTime <= options.BatchMaxAge)
        {
            failures.Add("Upload:ClaimIdleTime must be longer than Upload:BatchMaxAge, or batches being formed would be claimed by other uploaders.");
        }

        switch (options.Sink)
        {
            case "postgres" when string.IsNullOrWhiteSpace(options.Postgres.ConnectionString):
                failures.Add("Upload:Postgres:ConnectionString is required when Upload:Sink is postgres.");
                break;
            case "upstream" when !Uri.TryCreate(options.Upstream.Address, UriKind.Absolute, out _):
                failures.Add("Upload:Upstream:Address must be an absolute http:// or https:// address when Upload:Sink is upstream.");
                break;
        }

        if (options.Postgres.CommandTimeout <= TimeSpan.Zero || options.Upstream.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Upload:Postgres:CommandTimeout and Upload:Upstream:Timeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotations(object instance, string section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{section}: {r.ErrorMessage}"));
        }
    }
}
