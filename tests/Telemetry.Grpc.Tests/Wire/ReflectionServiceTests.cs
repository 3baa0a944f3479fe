using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Telemetry.Grpc.Tests.Infrastructure;
using Telemetry.Grpc.Tests.TestObjects;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Telemetry.Grpc.Tests.Wire;

/// <summary>Server reflection v1 and v1alpha over the wire, every request kind.</summary>
[TestFixture]
public sealed class ReflectionServiceTests
{
    private const string WireTestFile = "telemetry/grpctest/v1/wire_test.proto";
    private TestHost _host = null!;
    private GrpcChannel _channel = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _host = await TestHost.StartAsync(grpc => grpc
            .AddService<WireTestService>()
            .AddHealth()
            .AddReflection());
        _channel = GrpcChannel.ForAddress(_host.Address);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ListServices_ReturnsEveryServedService(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "*" }, cancellationToken);

        // Assert
        Assert.That(
            response.ListServicesResponse.Service.Select(s => s.Name),
            Is.EquivalentTo(new[]
            {
                WireTestMethods.ServiceName,
                "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            }));
    }

    [TestCase(WireTestFile, WireTestFile)]
    [TestCase("google/protobuf/descriptor.proto", "google/protobuf/descriptor.proto")]
    [TestCase("grpc/health/v1/health.proto", "grpc/health/v1/health.proto")]
    [CancelAfter(5000)]
    public async Task FileByFilename_KnownFile_ReturnsFileFirst(string fileName, string expectedFirst, CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = fileName }, cancellationToken);

        // Assert
        Assert.That(FileNames(response)[0], Is.EqualTo(expectedFirst));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task FileByFilename_ServiceFile_IncludesDependencies(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = WireTestFile }, cancellationToken);

        // Assert
        Assert.That(FileNames(response), Is.EqualTo(new[] { WireTestFile, "google/protobuf/descriptor.proto" }));
    }

    [TestCase("telemetry.grpctest.v1.WireTestService", WireTestFile)]
    [TestCase("telemetry.grpctest.v1.WireTestService.Echo", WireTestFile)]
    [TestCase("telemetry.grpctest.v1.EchoRequest", WireTestFile)]
    [TestCase("telemetry.grpctest.v1.EchoRequest.Nested", WireTestFile)]
    [TestCase("telemetry.grpctest.v1.test_idempotent", WireTestFile)]
    [TestCase("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [TestCase("google.protobuf.MethodOptions", "google/protobuf/descriptor.proto")]
    [CancelAfter(5000)]
    public async Task FileContainingSymbol_KnownSymbol_ReturnsDefiningFileFirst(string symbol, string expectedFile, CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }, cancellationToken);

        // Assert
        Assert.That(FileNames(response)[0], Is.EqualTo(expectedFile));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task FileContainingSymbol_ReturnsExactSerializedDescriptor(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = WireTestMethods.ServiceName }, cancellationToken);

        // Assert
        Assert.That(
            response.FileDescriptorResponse.FileDescriptorProto[0],
            Is.EqualTo(Telemetry.Grpctest.V1.WireTestReflection.Descriptor.SerializedData));
    }

    [TestCase("telemetry.grpctest.v1.Missing")]
    [TestCase("")]
    [CancelAfter(5000)]
    public async Task FileContainingSymbol_UnknownSymbol_ReturnsNotFoundInBand(string symbol, CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }, cancellationToken);

        // Assert
        Assert.That(response.ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task FileByFilename_UnknownFile_ReturnsNotFoundInBand(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = "missing.proto" }, cancellationToken);

        // Assert
        Assert.That(response.ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task FileContainingExtension_KnownExtension_ReturnsDeclaringFile(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(
            new ServerReflectionRequest
            {
                FileContainingExtension = new ExtensionRequest { ContainingType = "google.protobuf.MethodOptions", ExtensionNumber = 50001 },
            },
            cancellationToken);

        // Assert
        Assert.That(FileNames(response)[0], Is.EqualTo(WireTestFile));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task FileContainingExtension_UnknownNumber_ReturnsNotFoundInBand(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(
            new ServerReflectionRequest
            {
                FileContainingExtension = new ExtensionRequest { ContainingType = "google.protobuf.MethodOptions", ExtensionNumber = 50002 },
            },
            cancellationToken);

        // Assert
        Assert.That(response.ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
    }

    [TestCase("google.protobuf.MethodOptions", new[] { 50001 })]
    [TestCase("google.protobuf.FileOptions", new int[0])]
    [TestCase("telemetry.grpctest.v1.EchoRequest", new int[0])]
    [CancelAfter(5000)]
    public async Task AllExtensionNumbersOfType_KnownType_ReturnsNumbers(string type, int[] expected, CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = type }, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.AllExtensionNumbersResponse.BaseTypeName, Is.EqualTo(type));
            Assert.That(response.AllExtensionNumbersResponse.ExtensionNumber, Is.EqualTo(expected));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AllExtensionNumbersOfType_UnknownType_ReturnsNotFoundInBand(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "telemetry.Missing" }, cancellationToken);

        // Assert
        Assert.That(response.ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Request_NoFieldSet_ReturnsInvalidArgumentInBand(CancellationToken cancellationToken)
    {
        // Act
        var response = await AskAsync(new ServerReflectionRequest { Host = "localhost" }, cancellationToken);

        // Assert
        Assert.That(response.ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.InvalidArgument));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Stream_SeveralRequests_AnswersEachInTurn(CancellationToken cancellationToken)
    {
        // Arrange
        using var call = _channel.DuplexStreaming(ReflectionMethods.ServerReflectionInfo, new CallOptions { CancellationToken = cancellationToken });
        var answers = new List<ServerReflectionResponse.MessageResponseOneofCase>();

        // Act: one request at a time, waiting for each answer, as reflection clients do.
        foreach (var request in new[]
        {
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "telemetry.Missing" },
            new ServerReflectionRequest { FileByFilename = WireTestFile },
        })
        {
            await call.RequestStream.WriteAsync(request, cancellationToken);
            Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
            answers.Add(call.ResponseStream.Current.MessageResponseCase);
        }

        await call.RequestStream.CompleteAsync();
        var more = await call.ResponseStream.MoveNext(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(new[]
            {
                ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse,
                ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse,
                ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse,
            }));
            Assert.That(more, Is.False);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task V1Alpha_FileContainingSymbol_ReturnsSameAnswerAsV1(CancellationToken cancellationToken)
    {
        // Arrange
        using var call = _channel.DuplexStreaming(ReflectionMethods.ServerReflectionInfoV1Alpha, new CallOptions { CancellationToken = cancellationToken });

        // Act
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = WireTestMethods.ServiceName }, cancellationToken);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" }, cancellationToken);
        await call.RequestStream.CompleteAsync();
        var responses = new List<V1Alpha.ServerReflectionResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            responses.Add(response);
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(responses, Has.Count.EqualTo(2));
            Assert.That(FileDescriptorProto.Parser.ParseFrom(responses[0].FileDescriptorResponse.FileDescriptorProto[0]).Name, Is.EqualTo(WireTestFile));
            Assert.That(responses[1].ListServicesResponse.Service.Select(s => s.Name), Does.Contain("grpc.reflection.v1alpha.ServerReflection"));
        });
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request, CancellationToken cancellationToken)
    {
        using var call = _channel.DuplexStreaming(ReflectionMethods.ServerReflectionInfo, new CallOptions { CancellationToken = cancellationToken });
        await call.RequestStream.WriteAsync(request, cancellationToken);
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.True);
        var response = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(cancellationToken), Is.False);
        return response;
    }

    private static List<string> FileNames(ServerReflectionResponse response)
    {
        Assert.That(response.MessageResponseCase, Is.EqualTo(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse), response.ToString());
        return [.. response.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name)];
    }
}
