using System.Net;
using Grpc.Testing;
using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class HttpStatusMappingTests
{
    [TestCase(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [TestCase(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [TestCase(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [TestCase(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [TestCase(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [TestCase(HttpStatusCode.BadGateway, StatusCode.Unavailable)]
    [TestCase(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout, StatusCode.Unavailable)]
    [TestCase(HttpStatusCode.RequestHeaderFieldsTooLarge, StatusCode.Internal)]
    [TestCase(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    [TestCase(HttpStatusCode.UnsupportedMediaType, StatusCode.Unknown)]
    public void MapHttpStatus_WithoutGrpcStatus_FollowsSpec(HttpStatusCode http, StatusCode expected)
    {
        // Act
        var mapped = GrpcCall<Empty, Empty>.MapHttpStatus(http);

        // Assert
        Assert.That(mapped, Is.EqualTo(expected));
    }
}
