using Telemetry.Testing;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>The assembly's shared redis-server.</summary>
[SetUpFixture]
public sealed class SharedRedis : SharedRedisSetUp;
