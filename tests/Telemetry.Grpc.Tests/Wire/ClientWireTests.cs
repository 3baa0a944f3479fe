using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Grpc.Tests.Infrastructure;
using Telemetry.Grpc.Tests.TestObjects;
using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.Wire;

/// <summary>The channel over real connections: TLS, HTTP-level failures, interceptors and response compression.</summary>
[TestFixture]
public sealed class ClientWireTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task UnaryAsync_OverTls_Succeeds(CancellationToken cancellationToken)
    {
        // Arrange
        using var certificate = CreateCertificate();
        await using var host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            certificate: certificate);
        var address = new UriBuilder(host.Address) { Scheme = "https" }.Uri;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
        };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });

        // Act
        var response = await channel.UnaryAsync(WireTestMethods.Echo, new EchoRequest { Text = "tls" }, new CallOptions { CancellationToken = cancellationToken });

        // Assert
        Assert.That(response.Text, Is.EqualTo("tls"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Call_OverHttp11_Returns426(CancellationToken cancellationToken)
    {
        // Arrange: an HTTP/1.1 endpoint, as a second port for probes would be.
        await using var host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            protocols: HttpProtocols.Http1);
        using var client = new HttpClient();
        using var content = new ByteArrayContent(RawHttp2.Frame(0, 0, []));
        content.Headers.TryAddWithoutValidation("content-type", "application/grpc");

        // Act
        using var response = await client.PostAsync(new Uri(host.Address, WireTestMethods.Echo.FullName), content, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UpgradeRequired));
            Assert.That(response.Headers.Upgrade.ToString(), Is.EqualTo("HTTP/2"));
        });
    }

    [TestCase(503, StatusCode.Unavailable)]
    [TestCase(404, StatusCode.Unimplemented)]
    [TestCase(401, StatusCode.Unauthenticated)]
    [TestCase(500, StatusCode.Unknown)]
    [CancelAfter(10_000)]
    public async Task UnaryAsync_HttpErrorWithoutGrpcStatus_MapsToStatus(int httpStatus, StatusCode expected, CancellationToken cancellationToken)
    {
        // Arrange: a middleware in front of the gRPC server answers like a proxy would.
        await using var host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            configureApp: app => app.Use((HttpContext context, RequestDelegate _) =>
            {
                context.Response.StatusCode = httpStatus;
                return Task.CompletedTask;
            }));
        using var channel = GrpcChannel.ForAddress(host.Address);

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest(),
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    [CancelAfter(10_000)]
    public void UnaryAsync_NothingListening_ReturnsUnavailable(CancellationToken cancellationToken)
    {
        // Arrange
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ExternalProcess.GetFreePort()}");

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest(),
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Interceptor_RunsAroundEveryCall(CancellationToken cancellationToken)
    {
        // Arrange
        await using var host = await TestHost.StartAsync(grpc => grpc
            .AddService<WireTestService>(WireTestService.Descriptor)
            .AddInterceptor<RecordingInterceptor>());
        using var channel = GrpcChannel.ForAddress(host.Address);
        var interceptor = (RecordingInterceptor)host.Services.GetServices<IServerInterceptor>().Single();
        var authorized = new CallOptions { Headers = new Metadata { { "authorization", "Bearer test" } }, CancellationToken = cancellationToken };

        // Act
        await channel.UnaryAsync(WireTestMethods.Echo, new EchoRequest(), authorized);
        var rejected = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(WireTestMethods.Echo, new EchoRequest(), new CallOptions { CancellationToken = cancellationToken }));
        Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(WireTestMethods.Fail, new EchoRequest(), authorized));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(rejected!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
            Assert.That(interceptor.Calls.Select(c => c.Method), Is.EqualTo(new[] { WireTestMethods.Echo.FullName, WireTestMethods.Echo.FullName, WireTestMethods.Fail.FullName }));
            Assert.That(interceptor.Calls.Select(c => c.Status), Is.EqualTo(new[] { StatusCode.Ok, StatusCode.Unauthenticated, StatusCode.Unknown }));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ResponseCompressionOption_ClientAcceptsGzip_CompressesResponses(CancellationToken cancellationToken)
    {
        // Arrange
        await using var host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            options => options.ResponseCompression = "gzip");
        using var channel = GrpcChannel.ForAddress(host.Address);

        // Act
        using var call = channel.UnaryCall(WireTestMethods.Echo, new EchoRequest { Text = new string('a', 1000) }, new CallOptions { CancellationToken = cancellationToken });
        var response = await call;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Has.Length.EqualTo(1000));
            Assert.That(call.Call.LastResponseCompressed, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MaxReceiveMessageSizeOption_Configured_IsEnforced(CancellationToken cancellationToken)
    {
        // Arrange
        await using var host = await TestHost.StartAsync(
            grpc => grpc.AddService<WireTestService>(WireTestService.Descriptor),
            options => options.MaxReceiveMessageSize = 1024);
        using var channel = GrpcChannel.ForAddress(host.Address);

        // Act
        var small = await channel.UnaryAsync(WireTestMethods.Echo, new EchoRequest { Text = "ok" }, new CallOptions { CancellationToken = cancellationToken });
        var error = Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            WireTestMethods.Echo,
            new EchoRequest { Text = new string('a', 2000) },
            new CallOptions { CancellationToken = cancellationToken }));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(small.Text, Is.EqualTo("ok"));
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
            Assert.That(error.Status.Detail, Does.Contain("vs. 1024"));
        });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel needs the key in a form it can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
