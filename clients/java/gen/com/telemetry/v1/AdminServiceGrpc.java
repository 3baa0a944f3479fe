package com.telemetry.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Data-rights operations for the collector's operators: everything held for one installation can be exported
 * or deleted on request. Every call requires the admin token as the "authorization" metadata entry
 * ("Bearer &lt;token&gt;").
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: telemetry/v1/admin_service.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class AdminServiceGrpc {

  private AdminServiceGrpc() {}

  public static final String SERVICE_NAME = "telemetry.v1.AdminService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.DeleteInstanceDataRequest,
      com.telemetry.v1.DeleteInstanceDataResponse> getDeleteInstanceDataMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteInstanceData",
      requestType = com.telemetry.v1.DeleteInstanceDataRequest.class,
      responseType = com.telemetry.v1.DeleteInstanceDataResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.DeleteInstanceDataRequest,
      com.telemetry.v1.DeleteInstanceDataResponse> getDeleteInstanceDataMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.DeleteInstanceDataRequest, com.telemetry.v1.DeleteInstanceDataResponse> getDeleteInstanceDataMethod;
    if ((getDeleteInstanceDataMethod = AdminServiceGrpc.getDeleteInstanceDataMethod) == null) {
      synchronized (AdminServiceGrpc.class) {
        if ((getDeleteInstanceDataMethod = AdminServiceGrpc.getDeleteInstanceDataMethod) == null) {
          AdminServiceGrpc.getDeleteInstanceDataMethod = getDeleteInstanceDataMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.DeleteInstanceDataRequest, com.telemetry.v1.DeleteInstanceDataResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteInstanceData"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.DeleteInstanceDataRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.DeleteInstanceDataResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AdminServiceMethodDescriptorSupplier("DeleteInstanceData"))
              .build();
        }
      }
    }
    return getDeleteInstanceDataMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.ExportInstanceDataRequest,
      com.telemetry.v1.ExportInstanceDataResponse> getExportInstanceDataMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ExportInstanceData",
      requestType = com.telemetry.v1.ExportInstanceDataRequest.class,
      responseType = com.telemetry.v1.ExportInstanceDataResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.ExportInstanceDataRequest,
      com.telemetry.v1.ExportInstanceDataResponse> getExportInstanceDataMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.ExportInstanceDataRequest, com.telemetry.v1.ExportInstanceDataResponse> getExportInstanceDataMethod;
    if ((getExportInstanceDataMethod = AdminServiceGrpc.getExportInstanceDataMethod) == null) {
      synchronized (AdminServiceGrpc.class) {
        if ((getExportInstanceDataMethod = AdminServiceGrpc.getExportInstanceDataMethod) == null) {
          AdminServiceGrpc.getExportInstanceDataMethod = getExportInstanceDataMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.ExportInstanceDataRequest, com.telemetry.v1.ExportInstanceDataResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ExportInstanceData"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ExportInstanceDataRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ExportInstanceDataResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AdminServiceMethodDescriptorSupplier("ExportInstanceData"))
              .build();
        }
      }
    }
    return getExportInstanceDataMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AdminServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceStub>() {
        @java.lang.Override
        public AdminServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceStub(channel, callOptions);
        }
      };
    return AdminServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AdminServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingStub>() {
        @java.lang.Override
        public AdminServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceBlockingStub(channel, callOptions);
        }
      };
    return AdminServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AdminServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceFutureStub>() {
        @java.lang.Override
        public AdminServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceFutureStub(channel, callOptions);
        }
      };
    return AdminServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Data-rights operations for the collector's operators: everything held for one installation can be exported
   * or deleted on request. Every call requires the admin token as the "authorization" metadata entry
   * ("Bearer &lt;token&gt;").
   * </pre>
   */
  public static abstract class AdminServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Deletes everything held for an installation, in the buffer and in every storage sink, and reports what
     * was removed. Deleting an installation that has no data succeeds and reports zero.
     * </pre>
     */
    public void deleteInstanceData(com.telemetry.v1.DeleteInstanceDataRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.DeleteInstanceDataResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteInstanceDataMethod(), responseObserver);
    }

    /**
     * <pre>
     * Streams every report held for an installation, from the buffer and from every storage sink.
     * </pre>
     */
    public void exportInstanceData(com.telemetry.v1.ExportInstanceDataRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ExportInstanceDataResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getExportInstanceDataMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getDeleteInstanceDataMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.DeleteInstanceDataRequest,
                com.telemetry.v1.DeleteInstanceDataResponse>(
                  this, METHODID_DELETE_INSTANCE_DATA)))
          .addMethod(
            getExportInstanceDataMethod(),
            io.grpc.stub.ServerCalls.asyncServerStreamingCall(
              new MethodHandlers<
                com.telemetry.v1.ExportInstanceDataRequest,
                com.telemetry.v1.ExportInstanceDataResponse>(
                  this, METHODID_EXPORT_INSTANCE_DATA)))
          .build();
    }
  }

  /**
   * <pre>
   * Data-rights operations for the collector's operators: everything held for one installation can be exported
   * or deleted on request. Every call requires the admin token as the "authorization" metadata entry
   * ("Bearer &lt;token&gt;").
   * </pre>
   */
  public static final class AdminServiceStub extends io.grpc.stub.AbstractAsyncStub<AdminServiceStub> {
    private AdminServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Deletes everything held for an installation, in the buffer and in every storage sink, and reports what
     * was removed. Deleting an installation that has no data succeeds and reports zero.
     * </pre>
     */
    public void deleteInstanceData(com.telemetry.v1.DeleteInstanceDataRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.DeleteInstanceDataResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteInstanceDataMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Streams every report held for an installation, from the buffer and from every storage sink.
     * </pre>
     */
    public void exportInstanceData(com.telemetry.v1.ExportInstanceDataRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ExportInstanceDataResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getExportInstanceDataMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Data-rights operations for the collector's operators: everything held for one installation can be exported
   * or deleted on request. Every call requires the admin token as the "authorization" metadata entry
   * ("Bearer &lt;token&gt;").
   * </pre>
   */
  public static final class AdminServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<AdminServiceBlockingStub> {
    private AdminServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Deletes everything held for an installation, in the buffer and in every storage sink, and reports what
     * was removed. Deleting an installation that has no data succeeds and reports zero.
     * </pre>
     */
    public com.telemetry.v1.DeleteInstanceDataResponse deleteInstanceData(com.telemetry.v1.DeleteInstanceDataRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteInstanceDataMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams every report held for an installation, from the buffer and from every storage sink.
     * </pre>
     */
    public java.util.Iterator<com.telemetry.v1.ExportInstanceDataResponse> exportInstanceData(
        com.telemetry.v1.ExportInstanceDataRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getExportInstanceDataMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Data-rights operations for the collector's operators: everything held for one installation can be exported
   * or deleted on request. Every call requires the admin token as the "authorization" metadata entry
   * ("Bearer &lt;token&gt;").
   * </pre>
   */
  public static final class AdminServiceFutureStub extends io.grpc.stub.AbstractFutureStub<AdminServiceFutureStub> {
    private AdminServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Deletes everything held for an installation, in the buffer and in every storage sink, and reports what
     * was removed. Deleting an installation that has no data succeeds and reports zero.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.DeleteInstanceDataResponse> deleteInstanceData(
        com.telemetry.v1.DeleteInstanceDataRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteInstanceDataMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DELETE_INSTANCE_DATA = 0;
  private static final int METHODID_EXPORT_INSTANCE_DATA = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AdminServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(AdminServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DELETE_INSTANCE_DATA:
          serviceImpl.deleteInstanceData((com.telemetry.v1.DeleteInstanceDataRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.DeleteInstanceDataResponse>) responseObserver);
          break;
        case METHODID_EXPORT_INSTANCE_DATA:
          serviceImpl.exportInstanceData((com.telemetry.v1.ExportInstanceDataRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.ExportInstanceDataResponse>) responseObserver);
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
        default:
          throw new AssertionError();
      }
    }
  }

  private static abstract class AdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AdminServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.telemetry.v1.AdminServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AdminService");
    }
  }

  private static final class AdminServiceFileDescriptorSupplier
      extends AdminServiceBaseDescriptorSupplier {
    AdminServiceFileDescriptorSupplier() {}
  }

  private static final class AdminServiceMethodDescriptorSupplier
      extends AdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    AdminServiceMethodDescriptorSupplier(String methodName) {
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
      synchronized (AdminServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AdminServiceFileDescriptorSupplier())
              .addMethod(getDeleteInstanceDataMethod())
              .addMethod(getExportInstanceDataMethod())
              .build();
        }
      }
    }
    return result;
  }
}
