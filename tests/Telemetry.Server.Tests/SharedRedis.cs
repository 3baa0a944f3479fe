using Telemetry.Testing;

namespace Telemetry.Server.Tests;

/// <summary>The assembly's shared redis-server.</summary>
[SetUpFixture]
public sealed class SharedRedis : SharedRedisSetUp;
