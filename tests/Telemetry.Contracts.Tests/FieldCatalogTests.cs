namespace Telemetry.Contracts.Tests;

[TestFixture]
public sealed class FieldCatalogTests
{
    [Test]
    public void Render_ComparedWithCommittedCatalogue_IsIdentical()
    {
        // Arrange
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "fields.md"));

        // Act
        var rendered = FieldCatalog.Render();

        // Assert
        Assert.That(committed, Is.EqualTo(rendered), "docs/fields.md is stale: run scripts/fields.sh");
    }

    [Test]
    public void Render_InfluxDbIp_IsListedAsNeverStored()
    {
        // Act
        var rendered = FieldCatalog.Render();

        // Assert
        Assert.That(rendered, Does.Contain("| `ip` | string | – | **never stored** |"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Telemetry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Telemetry.sln not found above the test directory");
    }
}
