using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Telemetry.Insights.Internal;
using Telemetry.V1;

namespace Telemetry.Insights;

/// <summary>
/// <c>telemetry.v1.InsightsService</c>: the questions of <see cref="InsightsQueries"/> over gRPC, and as JSON over
/// HTTP through the contract's <c>google.api.http</c> routes. Answers are cached (HybridCache: in process and in Redis)
/// for <see cref="InsightsOptions.CacheDuration"/>. The read token is checked by an interceptor before a method runs; an
/// invalid argument is INVALID_ARGUMENT naming the field.
/// </summary>
public sealed class InsightsGrpcService(InsightsQueries queries, UnknownFieldCounts unknownFields, HybridCache cache, IOptions<InsightsOptions> options)
    : InsightsService.InsightsServiceBase
{
    private readonly InsightsOptions _options = options.Value;

    public override Task<ListProductsResponse> ListProducts(ListProductsRequest request, ServerCallContext context) =>
        CachedAsync("products", new InsightsQuery(string.Empty, default, default), async (_, token) => InsightsMessages.Products(await queries.ProductsAsync(token)), context);

    public override Task<ListFieldsResponse> ListFields(ListFieldsRequest request, ServerCallContext context) =>
        CachedAsync("fields", () => new InsightsQuery(Required(request.Product), default, default),
            async (q, token) => InsightsMessages.Fields(await queries.FieldsAsync(q.Product, token)), context);

    public override Task<GetActiveInstallationsResponse> GetActiveInstallations(GetActiveInstallationsRequest request, ServerCallContext context) =>
        CachedAsync("active", () => Query(request.Product, request.StartDate, request.EndDate, request.Bucket, request.Filter, field: null, request.MinVersion, request.MaxVersion),
            async (q, token) => InsightsMessages.Active(await queries.ActiveAsync(q, token)), context);

    public override Task<GetVersionAdoptionResponse> GetVersionAdoption(GetVersionAdoptionRequest request, ServerCallContext context) =>
        CachedAsync("versions", () => Query(request.Product, request.StartDate, request.EndDate, request.Bucket, request.Filter, InsightFields.VersionField, request.MinVersion, request.MaxVersion),
            async (q, token) => new GetVersionAdoptionResponse { Shares = { InsightsMessages.Shares(await queries.BreakdownAsync(q, token)) } }, context);

    public override Task<GetBreakdownResponse> GetBreakdown(GetBreakdownRequest request, ServerCallContext context) =>
        CachedAsync("breakdown", () => Query(request.Product, request.StartDate, request.EndDate, request.Bucket, request.Filter, request.Field, request.MinVersion, request.MaxVersion),
            async (q, token) => new GetBreakdownResponse { Shares = { InsightsMessages.Shares(await queries.BreakdownAsync(q, token)) } }, context);

    public override Task<GetSizesResponse> GetSizes(GetSizesRequest request, ServerCallContext context) =>
        CachedAsync("sizes", () => Query(request.Product, request.StartDate, request.EndDate, V1.InsightBucket.Unspecified, request.Filter, request.Field, request.MinVersion, request.MaxVersion),
            async (q, token) => InsightsMessages.Sizes(await queries.SizesAsync(q, token)), context);

    public override Task<GetFeatureAdoptionResponse> GetFeatureAdoption(GetFeatureAdoptionRequest request, ServerCallContext context) =>
        CachedAsync("adoption", () => Query(request.Product, request.StartDate, request.EndDate, request.Bucket, request.Filter, request.Field, request.MinVersion, request.MaxVersion),
            async (q, token) => InsightsMessages.Adoption(await queries.AdoptionAsync(q, token)), context);

    public override Task<ListUnknownFieldsResponse> ListUnknownFields(ListUnknownFieldsRequest request, ServerCallContext context)
    {
        // Counted in this process and changing with every report: read live, never cached.
        var product = Answer(() => Required(request.Product));
        return Task.FromResult(new ListUnknownFieldsResponse
        {
            Fields = { unknownFields.Of(product).Select(f => new UnknownFieldCount { Path = f.Field, Reports = f.Reports }) },
        });
    }

    private InsightsQuery Query(string product, string startDate, string endDate, V1.InsightBucket bucket, IEnumerable<string> filters, string? field,
        string minVersion, string maxVersion) =>
        InsightsRequests.Query(product, startDate, endDate, bucket, filters, field, _options, minVersion, maxVersion);

    private static string Required(string product) =>
        string.IsNullOrEmpty(product) ? throw new InsightsQueryException("product", "product is required") : product;

    private Task<T> CachedAsync<T>(string question, Func<InsightsQuery> query, Func<InsightsQuery, CancellationToken, Task<T>> answer, ServerCallContext context)
        where T : IMessage<T> =>
        CachedAsync(question, Answer(query), answer, context);

    private async Task<T> CachedAsync<T>(string question, InsightsQuery query, Func<InsightsQuery, CancellationToken, Task<T>> answer, ServerCallContext context)
        where T : IMessage<T>
    {
        var entry = new HybridCacheEntryOptions { Expiration = _options.CacheDuration, LocalCacheExpiration = _options.CacheDuration };
        try
        {
            return await cache.GetOrCreateAsync("v1|proto|" + query.CacheKey(question), token => new ValueTask<T>(answer(query, token)), entry,
                cancellationToken: context.CancellationToken);
        }
        catch (InsightsQueryException exception)
        {
            throw Invalid(exception);
        }
        catch (InsightsMemoryException exception)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, exception.Message));
        }
    }

    private static T Answer<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InsightsQueryException exception)
        {
            throw Invalid(exception);
        }
    }

    /// <summary>INVALID_ARGUMENT whose message starts with the field at fault, such as <c>field: …</c>.</summary>
    private static RpcException Invalid(InsightsQueryException exception) =>
        new(new Status(StatusCode.InvalidArgument, exception.Message.StartsWith(exception.Parameter + " ", StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Parameter}: {exception.Message}"));
}
