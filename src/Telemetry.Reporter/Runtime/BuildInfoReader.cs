using System.Reflection;
using System.Runtime.InteropServices;
using Telemetry.V1;

namespace Telemetry.Reporter.Runtime;

/// <summary>Reads how the product was built from its assembly metadata.</summary>
internal static class BuildInfoReader
{
    /// <summary>
    /// Reads the version and revision from <c>AssemblyInformationalVersion</c> ("2.8.0+abc123" gives version
    /// "2.8.0" and revision "abc123"), falling back to the assembly version.
    /// </summary>
    public static BuildInfo Read(Assembly? assembly)
    {
        var informational = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var (version, revision) = Parse(informational ?? assembly?.GetName().Version?.ToString() ?? string.Empty);
        return new BuildInfo
        {
            Version = version,
            Revision = revision,
            RuntimeVersion = RuntimeInformation.FrameworkDescription,
        };
    }

    public static (string Version, string Revision) Parse(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? (informationalVersion, string.Empty)
            : (informationalVersion[..plus], informationalVersion[(plus + 1)..]);
    }
}
