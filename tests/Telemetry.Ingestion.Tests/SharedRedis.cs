using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests;

/// <summary>The assembly's shared redis-server.</summary>
[SetUpFixture]
public sealed class SharedRedis : SharedRedisSetUp;
