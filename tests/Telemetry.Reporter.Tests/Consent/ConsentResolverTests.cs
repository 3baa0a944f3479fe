using Telemetry.Reporter.Consent;

namespace Telemetry.Reporter.Tests.Consent;

[TestFixture]
public sealed class ConsentResolverTests
{
    [TestCase("MYAPP_TELEMETRY_DISABLED", "true", false)]
    [TestCase("MYAPP_TELEMETRY_DISABLED", "1", false)]
    [TestCase("MYAPP_TELEMETRY_DISABLED", "TRUE", false)]
    [TestCase("MYAPP_TELEMETRY_DISABLED", "0", true)]
    [TestCase("MYAPP_TELEMETRY_DISABLED", "false", true)]
    [TestCase("DO_NOT_TRACK", "1", false)]
    [TestCase("DO_NOT_TRACK", "true", false)]
    [TestCase("DO_NOT_TRACK", "0", true)]
    [TestCase("UNRELATED", "1", true)]
    public void Resolve_EnvironmentVariable_DecidesByValue(string variable, string value, bool expectedEnabled)
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "myapp" };

        // Act
        var decision = ConsentResolver.Resolve(options, name => name == variable ? value : null, []);

        // Assert
        Assert.That(decision.Enabled, Is.EqualTo(expectedEnabled));
    }

    [Test]
    public void Resolve_DoNotTrackNotHonored_StaysEnabled()
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "myapp", HonorDoNotTrack = false };

        // Act
        var decision = ConsentResolver.Resolve(options, name => name == "DO_NOT_TRACK" ? "1" : null, []);

        // Assert
        Assert.That(decision.Enabled, Is.True);
    }

    [TestCase("--disable-telemetry", false)]
    [TestCase("--disable-telemetry=true", false)]
    [TestCase("--disable-telemetry-please", true)]
    public void Resolve_CommandLine_FlagDisables(string argument, bool expectedEnabled)
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "myapp" };

        // Act
        var decision = ConsentResolver.Resolve(options, _ => null, ["serve", argument]);

        // Assert
        Assert.That(decision.Enabled, Is.EqualTo(expectedEnabled));
    }

    [Test]
    public void Resolve_CustomVariableAndFlag_AreUsed()
    {
        // Arrange
        var options = new TelemetryReporterOptions
        {
            Product = "myapp",
            DisableEnvironmentVariable = "NO_PHONE_HOME",
            DisableCommandLineFlag = "--no-phone-home",
        };

        // Act
        var byVariable = ConsentResolver.Resolve(options, name => name == "NO_PHONE_HOME" ? "1" : null, []);
        var byFlag = ConsentResolver.Resolve(options, _ => null, ["--no-phone-home"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(byVariable.Reason, Does.Contain("NO_PHONE_HOME"));
            Assert.That(byFlag.Reason, Does.Contain("--no-phone-home"));
            Assert.That(byVariable.Enabled || byFlag.Enabled, Is.False);
        });
    }

    [Test]
    public void Resolve_EnabledFalse_DisabledByConfiguration()
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "myapp", Enabled = false };

        // Act
        var decision = ConsentResolver.Resolve(options, _ => null, []);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decision.Enabled, Is.False);
            Assert.That(decision.Reason, Does.Contain("Enabled=false"));
        });
    }

    [TestCase(ConsentPreset.Qdrant, "QDRANT__TELEMETRY_DISABLED", "--other", false)]
    [TestCase(ConsentPreset.Qdrant, "UNRELATED", "--disable-telemetry", false)]
    [TestCase(ConsentPreset.Qdrant, "UNRELATED", "--other", true)]
    [TestCase(ConsentPreset.InfluxDb, "INFLUXD_REPORTING_DISABLED", "--other", false)]
    [TestCase(ConsentPreset.InfluxDb, "UNRELATED", "--reporting-disabled", false)]
    [TestCase(ConsentPreset.Coroot, "DISABLE_USAGE_STATISTICS", "--other", false)]
    [TestCase(ConsentPreset.Coroot, "UNRELATED", "--disable-usage-statistics", false)]
    [TestCase(ConsentPreset.Coroot, "MYAPP_TELEMETRY_DISABLED", "--disable-telemetry", true)]
    [TestCase(ConsentPreset.Tempo, "UNRELATED", "-reporting.enabled=false", false)]
    [TestCase(ConsentPreset.Tempo, "UNRELATED", "--other", true)]
    [TestCase(ConsentPreset.Mimir, "UNRELATED", "--other", false)]
    [TestCase(ConsentPreset.Mimir, "UNRELATED", "-usage-stats.enabled=true", true)]
    [TestCase(ConsentPreset.Mimir, "UNRELATED", "-usage-stats.enabled", true)]
    [TestCase(ConsentPreset.Mimir, "DO_NOT_TRACK", "-usage-stats.enabled=true", false)]
    public void Resolve_VendorPreset_UsesTheVendorsSwitches(ConsentPreset preset, string variable, string argument, bool expectedEnabled)
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "myapp", ConsentPreset = preset };

        // Act
        var decision = ConsentResolver.Resolve(options, name => name == variable ? "true" : null, [argument]);

        // Assert
        Assert.That(decision.Enabled, Is.EqualTo(expectedEnabled), decision.Reason);
    }

    [Test]
    public void Resolve_MimirPresetWithoutTheFlag_SaysHowToOptIn()
    {
        // Arrange
        var options = new TelemetryReporterOptions { Product = "mimir", ConsentPreset = ConsentPreset.Mimir };

        // Act
        var decision = ConsentResolver.Resolve(options, _ => null, []);

        // Assert
        Assert.That(decision.Reason, Is.EqualTo("not opted in: -usage-stats.enabled=true is required"));
    }
}
