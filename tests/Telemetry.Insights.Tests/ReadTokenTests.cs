using Grpc.Core;
using Telemetry.Insights.Internal;

namespace Telemetry.Insights.Tests;

/// <summary>The read token check shared by every insights RPC, its JSON routes and the CSV downloads.</summary>
[TestFixture]
public sealed class ReadTokenTests
{
    [Test]
    public void Refuse_NoTokenConfigured_IsPermissionDeniedNamingTheSetting()
    {
        var refused = ReadTokenInterceptor.Refuse("Bearer anything", new InsightsOptions());

        Assert.Multiple(() =>
        {
            Assert.That(refused?.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            Assert.That(refused?.Detail, Does.Contain("Insights:ReadToken"));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("secret")]
    [TestCase("Bearer secre")]
    [TestCase("Bearer secret2")]
    [TestCase("Basic secret")]
    public void Refuse_MissingOrWrongToken_IsUnauthenticated(string? authorization)
    {
        var refused = ReadTokenInterceptor.Refuse(authorization, new InsightsOptions { ReadToken = "secret" });

        Assert.That(refused?.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [TestCase("Bearer secret")]
    [TestCase("bearer secret ")]
    public void Refuse_TheReadToken_Admits(string authorization)
    {
        Assert.That(ReadTokenInterceptor.Refuse(authorization, new InsightsOptions { ReadToken = "secret" }), Is.Null);
    }
}
