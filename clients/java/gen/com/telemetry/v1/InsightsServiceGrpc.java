package com.telemetry.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The questions maintainers ask of the stored reports, answered from the collector's daily rollups: active
 * installations, version adoption, breakdowns by a field, size distributions, feature adoption, and the vendor
 * fields the contract does not model. Every call requires the read token (Insights:ReadToken, never the admin
 * token) as the "authorization" metadata entry ("Bearer &lt;token&gt;"). Answers only aggregate stored, already
 * anonymized values: a value held by fewer than Insights:MinGroupSize installations is folded into "other", and
 * keyed-hash fields are counted, never listed. The google.api.http routes serve the same calls as JSON over
 * HTTP/1.1 on the operations port.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: telemetry/v1/insights_service.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class InsightsServiceGrpc {

  private InsightsServiceGrpc() {}

  public static final String SERVICE_NAME = "telemetry.v1.InsightsService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.ListProductsRequest,
      com.telemetry.v1.ListProductsResponse> getListProductsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListProducts",
      requestType = com.telemetry.v1.ListProductsRequest.class,
      responseType = com.telemetry.v1.ListProductsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.ListProductsRequest,
      com.telemetry.v1.ListProductsResponse> getListProductsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.ListProductsRequest, com.telemetry.v1.ListProductsResponse> getListProductsMethod;
    if ((getListProductsMethod = InsightsServiceGrpc.getListProductsMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getListProductsMethod = InsightsServiceGrpc.getListProductsMethod) == null) {
          InsightsServiceGrpc.getListProductsMethod = getListProductsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.ListProductsRequest, com.telemetry.v1.ListProductsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListProducts"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListProductsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListProductsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("ListProducts"))
              .build();
        }
      }
    }
    return getListProductsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.ListFieldsRequest,
      com.telemetry.v1.ListFieldsResponse> getListFieldsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListFields",
      requestType = com.telemetry.v1.ListFieldsRequest.class,
      responseType = com.telemetry.v1.ListFieldsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.ListFieldsRequest,
      com.telemetry.v1.ListFieldsResponse> getListFieldsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.ListFieldsRequest, com.telemetry.v1.ListFieldsResponse> getListFieldsMethod;
    if ((getListFieldsMethod = InsightsServiceGrpc.getListFieldsMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getListFieldsMethod = InsightsServiceGrpc.getListFieldsMethod) == null) {
          InsightsServiceGrpc.getListFieldsMethod = getListFieldsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.ListFieldsRequest, com.telemetry.v1.ListFieldsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListFields"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListFieldsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListFieldsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("ListFields"))
              .build();
        }
      }
    }
    return getListFieldsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.GetActiveInstallationsRequest,
      com.telemetry.v1.GetActiveInstallationsResponse> getGetActiveInstallationsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetActiveInstallations",
      requestType = com.telemetry.v1.GetActiveInstallationsRequest.class,
      responseType = com.telemetry.v1.GetActiveInstallationsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.GetActiveInstallationsRequest,
      com.telemetry.v1.GetActiveInstallationsResponse> getGetActiveInstallationsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.GetActiveInstallationsRequest, com.telemetry.v1.GetActiveInstallationsResponse> getGetActiveInstallationsMethod;
    if ((getGetActiveInstallationsMethod = InsightsServiceGrpc.getGetActiveInstallationsMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getGetActiveInstallationsMethod = InsightsServiceGrpc.getGetActiveInstallationsMethod) == null) {
          InsightsServiceGrpc.getGetActiveInstallationsMethod = getGetActiveInstallationsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.GetActiveInstallationsRequest, com.telemetry.v1.GetActiveInstallationsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetActiveInstallations"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetActiveInstallationsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetActiveInstallationsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("GetActiveInstallations"))
              .build();
        }
      }
    }
    return getGetActiveInstallationsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.GetVersionAdoptionRequest,
      com.telemetry.v1.GetVersionAdoptionResponse> getGetVersionAdoptionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetVersionAdoption",
      requestType = com.telemetry.v1.GetVersionAdoptionRequest.class,
      responseType = com.telemetry.v1.GetVersionAdoptionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.GetVersionAdoptionRequest,
      com.telemetry.v1.GetVersionAdoptionResponse> getGetVersionAdoptionMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.GetVersionAdoptionRequest, com.telemetry.v1.GetVersionAdoptionResponse> getGetVersionAdoptionMethod;
    if ((getGetVersionAdoptionMethod = InsightsServiceGrpc.getGetVersionAdoptionMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getGetVersionAdoptionMethod = InsightsServiceGrpc.getGetVersionAdoptionMethod) == null) {
          InsightsServiceGrpc.getGetVersionAdoptionMethod = getGetVersionAdoptionMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.GetVersionAdoptionRequest, com.telemetry.v1.GetVersionAdoptionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetVersionAdoption"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetVersionAdoptionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetVersionAdoptionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("GetVersionAdoption"))
              .build();
        }
      }
    }
    return getGetVersionAdoptionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.GetBreakdownRequest,
      com.telemetry.v1.GetBreakdownResponse> getGetBreakdownMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBreakdown",
      requestType = com.telemetry.v1.GetBreakdownRequest.class,
      responseType = com.telemetry.v1.GetBreakdownResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.GetBreakdownRequest,
      com.telemetry.v1.GetBreakdownResponse> getGetBreakdownMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.GetBreakdownRequest, com.telemetry.v1.GetBreakdownResponse> getGetBreakdownMethod;
    if ((getGetBreakdownMethod = InsightsServiceGrpc.getGetBreakdownMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getGetBreakdownMethod = InsightsServiceGrpc.getGetBreakdownMethod) == null) {
          InsightsServiceGrpc.getGetBreakdownMethod = getGetBreakdownMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.GetBreakdownRequest, com.telemetry.v1.GetBreakdownResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBreakdown"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetBreakdownRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetBreakdownResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("GetBreakdown"))
              .build();
        }
      }
    }
    return getGetBreakdownMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.GetSizesRequest,
      com.telemetry.v1.GetSizesResponse> getGetSizesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSizes",
      requestType = com.telemetry.v1.GetSizesRequest.class,
      responseType = com.telemetry.v1.GetSizesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.GetSizesRequest,
      com.telemetry.v1.GetSizesResponse> getGetSizesMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.GetSizesRequest, com.telemetry.v1.GetSizesResponse> getGetSizesMethod;
    if ((getGetSizesMethod = InsightsServiceGrpc.getGetSizesMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getGetSizesMethod = InsightsServiceGrpc.getGetSizesMethod) == null) {
          InsightsServiceGrpc.getGetSizesMethod = getGetSizesMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.GetSizesRequest, com.telemetry.v1.GetSizesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSizes"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetSizesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetSizesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("GetSizes"))
              .build();
        }
      }
    }
    return getGetSizesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.GetFeatureAdoptionRequest,
      com.telemetry.v1.GetFeatureAdoptionResponse> getGetFeatureAdoptionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetFeatureAdoption",
      requestType = com.telemetry.v1.GetFeatureAdoptionRequest.class,
      responseType = com.telemetry.v1.GetFeatureAdoptionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.GetFeatureAdoptionRequest,
      com.telemetry.v1.GetFeatureAdoptionResponse> getGetFeatureAdoptionMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.GetFeatureAdoptionRequest, com.telemetry.v1.GetFeatureAdoptionResponse> getGetFeatureAdoptionMethod;
    if ((getGetFeatureAdoptionMethod = InsightsServiceGrpc.getGetFeatureAdoptionMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getGetFeatureAdoptionMethod = InsightsServiceGrpc.getGetFeatureAdoptionMethod) == null) {
          InsightsServiceGrpc.getGetFeatureAdoptionMethod = getGetFeatureAdoptionMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.GetFeatureAdoptionRequest, com.telemetry.v1.GetFeatureAdoptionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetFeatureAdoption"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetFeatureAdoptionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.GetFeatureAdoptionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("GetFeatureAdoption"))
              .build();
        }
      }
    }
    return getGetFeatureAdoptionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.telemetry.v1.ListUnknownFieldsRequest,
      com.telemetry.v1.ListUnknownFieldsResponse> getListUnknownFieldsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListUnknownFields",
      requestType = com.telemetry.v1.ListUnknownFieldsRequest.class,
      responseType = com.telemetry.v1.ListUnknownFieldsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.telemetry.v1.ListUnknownFieldsRequest,
      com.telemetry.v1.ListUnknownFieldsResponse> getListUnknownFieldsMethod() {
    io.grpc.MethodDescriptor<com.telemetry.v1.ListUnknownFieldsRequest, com.telemetry.v1.ListUnknownFieldsResponse> getListUnknownFieldsMethod;
    if ((getListUnknownFieldsMethod = InsightsServiceGrpc.getListUnknownFieldsMethod) == null) {
      synchronized (InsightsServiceGrpc.class) {
        if ((getListUnknownFieldsMethod = InsightsServiceGrpc.getListUnknownFieldsMethod) == null) {
          InsightsServiceGrpc.getListUnknownFieldsMethod = getListUnknownFieldsMethod =
              io.grpc.MethodDescriptor.<com.telemetry.v1.ListUnknownFieldsRequest, com.telemetry.v1.ListUnknownFieldsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListUnknownFields"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListUnknownFieldsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.telemetry.v1.ListUnknownFieldsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InsightsServiceMethodDescriptorSupplier("ListUnknownFields"))
              .build();
        }
      }
    }
    return getListUnknownFieldsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static InsightsServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InsightsServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InsightsServiceStub>() {
        @java.lang.Override
        public InsightsServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InsightsServiceStub(channel, callOptions);
        }
      };
    return InsightsServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static InsightsServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InsightsServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InsightsServiceBlockingStub>() {
        @java.lang.Override
        public InsightsServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InsightsServiceBlockingStub(channel, callOptions);
        }
      };
    return InsightsServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static InsightsServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InsightsServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InsightsServiceFutureStub>() {
        @java.lang.Override
        public InsightsServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InsightsServiceFutureStub(channel, callOptions);
        }
      };
    return InsightsServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The questions maintainers ask of the stored reports, answered from the collector's daily rollups: active
   * installations, version adoption, breakdowns by a field, size distributions, feature adoption, and the vendor
   * fields the contract does not model. Every call requires the read token (Insights:ReadToken, never the admin
   * token) as the "authorization" metadata entry ("Bearer &lt;token&gt;"). Answers only aggregate stored, already
   * anonymized values: a value held by fewer than Insights:MinGroupSize installations is folded into "other", and
   * keyed-hash fields are counted, never listed. The google.api.http routes serve the same calls as JSON over
   * HTTP/1.1 on the operations port.
   * </pre>
   */
  public static abstract class InsightsServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Lists the products that have rollups.
     * </pre>
     */
    public void listProducts(com.telemetry.v1.ListProductsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListProductsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListProductsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists a product's fields that have values, with their kind and whether their values may be listed.
     * </pre>
     */
    public void listFields(com.telemetry.v1.ListFieldsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListFieldsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListFieldsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Counts active, new and lost installations per bucket.
     * </pre>
     */
    public void getActiveInstallations(com.telemetry.v1.GetActiveInstallationsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetActiveInstallationsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetActiveInstallationsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Shares of active installations per version (build.version) per bucket.
     * </pre>
     */
    public void getVersionAdoption(com.telemetry.v1.GetVersionAdoptionRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetVersionAdoptionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetVersionAdoptionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Installations per value of a categorical field per bucket.
     * </pre>
     */
    public void getBreakdown(com.telemetry.v1.GetBreakdownRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetBreakdownResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBreakdownMethod(), responseObserver);
    }

    /**
     * <pre>
     * Distribution of a numeric field across installations: percentiles and a histogram.
     * </pre>
     */
    public void getSizes(com.telemetry.v1.GetSizesRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetSizesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSizesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Share of active installations where a flag is on or a count is non-zero, per bucket.
     * </pre>
     */
    public void getFeatureAdoption(com.telemetry.v1.GetFeatureAdoptionRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetFeatureAdoptionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetFeatureAdoptionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the fields of a product's native reports that the contract does not model, as this collector
     * process has counted them since it started.
     * </pre>
     */
    public void listUnknownFields(com.telemetry.v1.ListUnknownFieldsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListUnknownFieldsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListUnknownFieldsMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getListProductsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.ListProductsRequest,
                com.telemetry.v1.ListProductsResponse>(
                  this, METHODID_LIST_PRODUCTS)))
          .addMethod(
            getListFieldsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.ListFieldsRequest,
                com.telemetry.v1.ListFieldsResponse>(
                  this, METHODID_LIST_FIELDS)))
          .addMethod(
            getGetActiveInstallationsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.GetActiveInstallationsRequest,
                com.telemetry.v1.GetActiveInstallationsResponse>(
                  this, METHODID_GET_ACTIVE_INSTALLATIONS)))
          .addMethod(
            getGetVersionAdoptionMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.GetVersionAdoptionRequest,
                com.telemetry.v1.GetVersionAdoptionResponse>(
                  this, METHODID_GET_VERSION_ADOPTION)))
          .addMethod(
            getGetBreakdownMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.GetBreakdownRequest,
                com.telemetry.v1.GetBreakdownResponse>(
                  this, METHODID_GET_BREAKDOWN)))
          .addMethod(
            getGetSizesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.GetSizesRequest,
                com.telemetry.v1.GetSizesResponse>(
                  this, METHODID_GET_SIZES)))
          .addMethod(
            getGetFeatureAdoptionMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.GetFeatureAdoptionRequest,
                com.telemetry.v1.GetFeatureAdoptionResponse>(
                  this, METHODID_GET_FEATURE_ADOPTION)))
          .addMethod(
            getListUnknownFieldsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                com.telemetry.v1.ListUnknownFieldsRequest,
                com.telemetry.v1.ListUnknownFieldsResponse>(
                  this, METHODID_LIST_UNKNOWN_FIELDS)))
          .build();
    }
  }

  /**
   * <pre>
   * The questions maintainers ask of the stored reports, answered from the collector's daily rollups: active
   * installations, version adoption, breakdowns by a field, size distributions, feature adoption, and the vendor
   * fields the contract does not model. Every call requires the read token (Insights:ReadToken, never the admin
   * token) as the "authorization" metadata entry ("Bearer &lt;token&gt;"). Answers only aggregate stored, already
   * anonymized values: a value held by fewer than Insights:MinGroupSize installations is folded into "other", and
   * keyed-hash fields are counted, never listed. The google.api.http routes serve the same calls as JSON over
   * HTTP/1.1 on the operations port.
   * </pre>
   */
  public static final class InsightsServiceStub extends io.grpc.stub.AbstractAsyncStub<InsightsServiceStub> {
    private InsightsServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InsightsServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InsightsServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the products that have rollups.
     * </pre>
     */
    public void listProducts(com.telemetry.v1.ListProductsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListProductsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListProductsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists a product's fields that have values, with their kind and whether their values may be listed.
     * </pre>
     */
    public void listFields(com.telemetry.v1.ListFieldsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListFieldsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListFieldsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Counts active, new and lost installations per bucket.
     * </pre>
     */
    public void getActiveInstallations(com.telemetry.v1.GetActiveInstallationsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetActiveInstallationsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetActiveInstallationsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Shares of active installations per version (build.version) per bucket.
     * </pre>
     */
    public void getVersionAdoption(com.telemetry.v1.GetVersionAdoptionRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetVersionAdoptionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetVersionAdoptionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Installations per value of a categorical field per bucket.
     * </pre>
     */
    public void getBreakdown(com.telemetry.v1.GetBreakdownRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetBreakdownResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBreakdownMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Distribution of a numeric field across installations: percentiles and a histogram.
     * </pre>
     */
    public void getSizes(com.telemetry.v1.GetSizesRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetSizesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSizesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Share of active installations where a flag is on or a count is non-zero, per bucket.
     * </pre>
     */
    public void getFeatureAdoption(com.telemetry.v1.GetFeatureAdoptionRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.GetFeatureAdoptionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetFeatureAdoptionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the fields of a product's native reports that the contract does not model, as this collector
     * process has counted them since it started.
     * </pre>
     */
    public void listUnknownFields(com.telemetry.v1.ListUnknownFieldsRequest request,
        io.grpc.stub.StreamObserver<com.telemetry.v1.ListUnknownFieldsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListUnknownFieldsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * The questions maintainers ask of the stored reports, answered from the collector's daily rollups: active
   * installations, version adoption, breakdowns by a field, size distributions, feature adoption, and the vendor
   * fields the contract does not model. Every call requires the read token (Insights:ReadToken, never the admin
   * token) as the "authorization" metadata entry ("Bearer &lt;token&gt;"). Answers only aggregate stored, already
   * anonymized values: a value held by fewer than Insights:MinGroupSize installations is folded into "other", and
   * keyed-hash fields are counted, never listed. The google.api.http routes serve the same calls as JSON over
   * HTTP/1.1 on the operations port.
   * </pre>
   */
  public static final class InsightsServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<InsightsServiceBlockingStub> {
    private InsightsServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InsightsServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InsightsServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the products that have rollups.
     * </pre>
     */
    public com.telemetry.v1.ListProductsResponse listProducts(com.telemetry.v1.ListProductsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListProductsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a product's fields that have values, with their kind and whether their values may be listed.
     * </pre>
     */
    public com.telemetry.v1.ListFieldsResponse listFields(com.telemetry.v1.ListFieldsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFieldsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Counts active, new and lost installations per bucket.
     * </pre>
     */
    public com.telemetry.v1.GetActiveInstallationsResponse getActiveInstallations(com.telemetry.v1.GetActiveInstallationsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetActiveInstallationsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Shares of active installations per version (build.version) per bucket.
     * </pre>
     */
    public com.telemetry.v1.GetVersionAdoptionResponse getVersionAdoption(com.telemetry.v1.GetVersionAdoptionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetVersionAdoptionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Installations per value of a categorical field per bucket.
     * </pre>
     */
    public com.telemetry.v1.GetBreakdownResponse getBreakdown(com.telemetry.v1.GetBreakdownRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBreakdownMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Distribution of a numeric field across installations: percentiles and a histogram.
     * </pre>
     */
    public com.telemetry.v1.GetSizesResponse getSizes(com.telemetry.v1.GetSizesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSizesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Share of active installations where a flag is on or a count is non-zero, per bucket.
     * </pre>
     */
    public com.telemetry.v1.GetFeatureAdoptionResponse getFeatureAdoption(com.telemetry.v1.GetFeatureAdoptionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetFeatureAdoptionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the fields of a product's native reports that the contract does not model, as this collector
     * process has counted them since it started.
     * </pre>
     */
    public com.telemetry.v1.ListUnknownFieldsResponse listUnknownFields(com.telemetry.v1.ListUnknownFieldsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListUnknownFieldsMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * The questions maintainers ask of the stored reports, answered from the collector's daily rollups: active
   * installations, version adoption, breakdowns by a field, size distributions, feature adoption, and the vendor
   * fields the contract does not model. Every call requires the read token (Insights:ReadToken, never the admin
   * token) as the "authorization" metadata entry ("Bearer &lt;token&gt;"). Answers only aggregate stored, already
   * anonymized values: a value held by fewer than Insights:MinGroupSize installations is folded into "other", and
   * keyed-hash fields are counted, never listed. The google.api.http routes serve the same calls as JSON over
   * HTTP/1.1 on the operations port.
   * </pre>
   */
  public static final class InsightsServiceFutureStub extends io.grpc.stub.AbstractFutureStub<InsightsServiceFutureStub> {
    private InsightsServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InsightsServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InsightsServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the products that have rollups.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.ListProductsResponse> listProducts(
        com.telemetry.v1.ListProductsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListProductsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists a product's fields that have values, with their kind and whether their values may be listed.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.ListFieldsResponse> listFields(
        com.telemetry.v1.ListFieldsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListFieldsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Counts active, new and lost installations per bucket.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.GetActiveInstallationsResponse> getActiveInstallations(
        com.telemetry.v1.GetActiveInstallationsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetActiveInstallationsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Shares of active installations per version (build.version) per bucket.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.GetVersionAdoptionResponse> getVersionAdoption(
        com.telemetry.v1.GetVersionAdoptionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetVersionAdoptionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Installations per value of a categorical field per bucket.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.GetBreakdownResponse> getBreakdown(
        com.telemetry.v1.GetBreakdownRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBreakdownMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Distribution of a numeric field across installations: percentiles and a histogram.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.GetSizesResponse> getSizes(
        com.telemetry.v1.GetSizesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSizesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Share of active installations where a flag is on or a count is non-zero, per bucket.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.GetFeatureAdoptionResponse> getFeatureAdoption(
        com.telemetry.v1.GetFeatureAdoptionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetFeatureAdoptionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the fields of a product's native reports that the contract does not model, as this collector
     * process has counted them since it started.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.telemetry.v1.ListUnknownFieldsResponse> listUnknownFields(
        com.telemetry.v1.ListUnknownFieldsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListUnknownFieldsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_PRODUCTS = 0;
  private static final int METHODID_LIST_FIELDS = 1;
  private static final int METHODID_GET_ACTIVE_INSTALLATIONS = 2;
  private static final int METHODID_GET_VERSION_ADOPTION = 3;
  private static final int METHODID_GET_BREAKDOWN = 4;
  private static final int METHODID_GET_SIZES = 5;
  private static final int METHODID_GET_FEATURE_ADOPTION = 6;
  private static final int METHODID_LIST_UNKNOWN_FIELDS = 7;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final InsightsServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(InsightsServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_LIST_PRODUCTS:
          serviceImpl.listProducts((com.telemetry.v1.ListProductsRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.ListProductsResponse>) responseObserver);
          break;
        case METHODID_LIST_FIELDS:
          serviceImpl.listFields((com.telemetry.v1.ListFieldsRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.ListFieldsResponse>) responseObserver);
          break;
        case METHODID_GET_ACTIVE_INSTALLATIONS:
          serviceImpl.getActiveInstallations((com.telemetry.v1.GetActiveInstallationsRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.GetActiveInstallationsResponse>) responseObserver);
          break;
        case METHODID_GET_VERSION_ADOPTION:
          serviceImpl.getVersionAdoption((com.telemetry.v1.GetVersionAdoptionRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.GetVersionAdoptionResponse>) responseObserver);
          break;
        case METHODID_GET_BREAKDOWN:
          serviceImpl.getBreakdown((com.telemetry.v1.GetBreakdownRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.GetBreakdownResponse>) responseObserver);
          break;
        case METHODID_GET_SIZES:
          serviceImpl.getSizes((com.telemetry.v1.GetSizesRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.GetSizesResponse>) responseObserver);
          break;
        case METHODID_GET_FEATURE_ADOPTION:
          serviceImpl.getFeatureAdoption((com.telemetry.v1.GetFeatureAdoptionRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.GetFeatureAdoptionResponse>) responseObserver);
          break;
        case METHODID_LIST_UNKNOWN_FIELDS:
          serviceImpl.listUnknownFields((com.telemetry.v1.ListUnknownFieldsRequest) request,
              (io.grpc.stub.StreamObserver<com.telemetry.v1.ListUnknownFieldsResponse>) responseObserver);
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

  private static abstract class InsightsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    InsightsServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.telemetry.v1.InsightsServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("InsightsService");
    }
  }

  private static final class InsightsServiceFileDescriptorSupplier
      extends InsightsServiceBaseDescriptorSupplier {
    InsightsServiceFileDescriptorSupplier() {}
  }

  private static final class InsightsServiceMethodDescriptorSupplier
      extends InsightsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    InsightsServiceMethodDescriptorSupplier(String methodName) {
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
      synchronized (InsightsServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new InsightsServiceFileDescriptorSupplier())
              .addMethod(getListProductsMethod())
              .addMethod(getListFieldsMethod())
              .addMethod(getGetActiveInstallationsMethod())
              .addMethod(getGetVersionAdoptionMethod())
              .addMethod(getGetBreakdownMethod())
              .addMethod(getGetSizesMethod())
              .addMethod(getGetFeatureAdoptionMethod())
              .addMethod(getListUnknownFieldsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
