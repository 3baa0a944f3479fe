using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.Privacy;

/// <summary>Checks that <see cref="PrivacyOptions.HashKey"/> is set, is base64 and is long enough, and that relay keys are long enough.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    private const string HowTo = "Generate one with `openssl rand -base64 32` and set it as Privacy:HashKey (environment variable Privacy__HashKey).";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HashKey))
        {
            return ValidateOptionsResult.Fail($"Privacy:HashKey is required: a base64-encoded key of at least {PrivacyOptions.MinimumKeyBytes} bytes. {HowTo}");
        }

        var buffer = new byte[options.HashKey.Length];
        if (!Convert.TryFromBase64String(options.HashKey.Trim(), buffer, out var length))
        {
            return ValidateOptionsResult.Fail($"Privacy:HashKey is not valid base64. {HowTo}");
        }

        if (length < PrivacyOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail($"Privacy:HashKey decodes to {length} bytes; at least {PrivacyOptions.MinimumKeyBytes} are required. {HowTo}");
        }

        // A relay key lets its holder store values unhashed, so it must be as hard to guess as the hash key.
        return options.RelayKeys.Any(key => key is not { Length: >= RelayKeyVerifier.MinimumKeyLength })
            ? ValidateOptionsResult.Fail($"Privacy:RelayKeys: every key must have at least {RelayKeyVerifier.MinimumKeyLength} characters. Generate one with `openssl rand -base64 32`.")
            : ValidateOptionsResult.Success;
    }
}
