using Telemetry.Testing;

namespace Telemetry.Intake.Tests;

/// <summary>The assembly's shared redis-server.</summary>
[SetUpFixture]
public sealed class SharedRedis : SharedRedisSetUp;
