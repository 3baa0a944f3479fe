using Microsoft.Extensions.Options;

namespace Telemetry.Intake;

/// <summary>Refuses relay settings for unknown products and relay URLs that are not absolute http or https.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        foreach (var (product, relay) in options.Relay)
        {
            if (!IntakeProducts.All.Contains(product.ToLowerInvariant()))
            {
                failures.Add($"Intake:Relay:{product}: not a product of the intake; use one of {string.Join(", ", IntakeProducts.All)}.");
            }

            if (relay.Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            {
                failures.Add($"Intake:Relay:{product}:Url: \"{url}\" must be an absolute http or https URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
