package com.telemetry.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Accepts usage reports from instrumented processes. A report is acknowledged only once it is durably
 * buffered; retrying a report with the same report_id never stores it twice.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: telemetry/v1/ingest_service.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class IngestServiceGrpc {

  private IngestServiceGrpc() {}

  public static final String SERVICE_NAME = "telemetry.v1.IngestService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.IngestReportsRequest,
      com.telemetry.v1.IngestReportsResponse> getIngestReportsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "IngestReports",
      requestType = com.telemetry.v1.IngestReportsRequest.class,
      responseType = com.telemetry.v1.IngestReportsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.IngestReportsRequest,
      com.telemetry.v1.IngestReportsResponse> getIngestReportsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.IngestReportsRequest, com.telemetry.v1.IngestReportsResponse> getIngestReportsMethod;
    if ((getIngestReportsMethod = IngestServiceGrpc.getIngestReportsMethod) == null) {
      synchronized (IngestServiceGrpc.class) {
        if ((getIngestReportsMethod = IngestServiceGrpc.getIngestReportsMethod) == null) {
          IngestServiceGrpc.getIngestReportsMethod = getIngestReportsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.IngestReportsRequest, com.telemetry.v1.IngestReportsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "IngestReports"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.IngestReportsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.IngestReportsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IngestServiceMethodDescriptorSupplier("IngestReports"))
              .build();
        }
      }
    }
    return getIngestReportsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.StreamReportsRequest,
      com.telemetry.v1.StreamReportsResponse> getStreamReportsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamReports",
      requestType = com.telemetry.v1.StreamReportsRequest.class,
      responseType = com.telemetry.v1.StreamReportsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.StreamReportsRequest,
      com.telemetry.v1.StreamReportsResponse> getStreamReportsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.StreamReportsRequest, com.telemetry.v1.StreamReportsResponse> getStreamReportsMethod;
    if ((getStreamReportsMethod = IngestServiceGrpc.getStreamReportsMethod) == null) {
      synchronized (IngestServiceGrpc.class) {
        if ((getStreamReportsMethod = IngestServiceGrpc.getStreamReportsMethod) == null) {
          IngestServiceGrpc.getStreamReportsMethod = getStreamReportsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.StreamReportsRequest, com.telemetry.v1.StreamReportsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamReports"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.StreamReportsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.StreamReportsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IngestServiceMethodDescriptorSupplier("StreamReports"))
              .build();
        }
      }
    }
    return getStreamReportsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static IngestServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IngestServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IngestServiceStub>() {
        @java.lang.Override
        public IngestServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IngestServiceStub(channel, callOptions);
        }
      };
    return IngestServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static IngestServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IngestServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IngestServiceBlockingStub>() {
        @java.lang.Override
        public IngestServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IngestServiceBlockingStub(channel, callOptions);
        }
      };
    return IngestServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static IngestServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IngestServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IngestServiceFutureStub>() {
        @java.lang.Override
        public IngestServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IngestServiceFutureStub(channel, callOptions);
        }
      };
    return IngestServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Accepts usage reports from instrumented processes. A report is acknowledged only once it is durably
   * buffered; retrying a report with the same report_id never stores it twice.
   * </pre>
   */
  public static abstract class IngestServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Ingests a batch of reports. The response has one result per report: some reports may be accepted while
     * others are rejected or limited (partial success). Retrying the whole batch is safe.
     * </pre>
     */
    public void ingestReports(com.telemetry.v1.IngestReportsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.IngestReportsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getIngestReportsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Keeps a stream open for a process's reports. The server answers every report with one result, carrying
     * its report_id, once the report is durably buffered or refused. Results may arrive out of order.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<com.telemetry.v1.StreamReportsRequest> streamReports(
        io.grpc.stub.StreamObserver<com.telemetry.v1.StreamReportsResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getStreamReportsMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getIngestReportsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.IngestReportsRequest,
                com.telemetry.v1.IngestReportsResponse>(
                  this, METHODID_INGEST_REPORTS)))
          .addMethod(
            getStreamReportsMethod(),
            io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
              new MethodHandlers<
                com.telemetry.v1.StreamReportsRequest,
                com.telemetry.v1.StreamReportsResponse>(
                  this, METHODID_STREAM_REPORTS)))
          .build();
    }
  }

  /**
   * <pre>
   * Accepts usage reports from instrumented processes. A report is acknowledged only once it is durably
   * buffered; retrying a report with the same report_id never stores it twice.
   * </pre>
   */
  public static final class IngestServiceStub extends io.grpc.stub.AbstractAsyncStub<IngestServiceStub> {
    private IngestServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IngestServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IngestServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Ingests a batch of reports. The response has one result per report: some reports may be accepted while
     * others are rejected or limited (partial success). Retrying the whole batch is safe.
     * </pre>
     */
    public void ingestReports(com.telemetry.v1.IngestReportsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.IngestReportsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getIngestReportsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Keeps a stream open for a process's reports. The server answers every report with one result, carrying
     * its report_id, once the report is durably buffered or refused. Results may arrive out of order.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<com.telemetry.v1.StreamReportsRequest> streamReports(
        io.grpc.stub.StreamObserver<com.telemetry.v1.StreamReportsResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getStreamReportsMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * <pre>
   * Accepts usage reports from instrumented processes. A report is acknowledged only once it is durably
   * buffered; retrying a report with the same report_id never stores it twice.
   * </pre>
   */
  public static final class IngestServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<IngestServiceBlockingStub> {
    private IngestServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IngestServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IngestServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Ingests a batch of reports. The response has one result per report: some reports may be accepted while
     * others are rejected or limited (partial success). Retrying the whole batch is safe.
     * </pre>
     */
    public com.telemetry.v1.IngestReportsResponse ingestReports(com.telemetry.v1.IngestReportsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getIngestReportsMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Accepts usage reports from instrumented processes. A report is acknowledged only once it is durably
   * buffered; retrying a report with the same report_id never stores it twice.
   * </pre>
   */
  public static final class IngestServiceFutureStub extends io.grpc.stub.AbstractFutureStub<IngestServiceFutureStub> {
    private IngestServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IngestServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IngestServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Ingests a batch of reports. The response has one result per report: some reports may be accepted while
     * others are rejected or limited (partial success). Retrying the whole batch is safe.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.IngestReportsResponse> ingestReports(
        com.telemetry.v1.IngestReportsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getIngestReportsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_INGEST_REPORTS = 0;
  private static final int METHODID_STREAM_REPORTS = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final IngestServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(IngestServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_INGEST_REPORTS:
          serviceImpl.ingestReports((com.telemetry.v1.IngestReportsRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.IngestReportsResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_STREAM_REPORTS:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.streamReports(
              (io.grpc.stub.StreamObserver<com.telemetry.v1.StreamReportsResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  private static abstract class IngestServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    IngestServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.telemetry.v1.IngestServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("IngestService");
    }
  }

  private static final class IngestServiceFileDescriptorSupplier
      extends IngestServiceBaseDescriptorSupplier {
    IngestServiceFileDescriptorSupplier() {}
  }

  private static final class IngestServiceMethodDescriptorSupplier
      extends IngestServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    IngestServiceMethodDescriptorSupplier(String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (IngestServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new IngestServiceFileDescriptorSupplier())
              .addMethod(getIngestReportsMethod())
              .addMethod(getStreamReportsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
