using Telemetry.Testing;

namespace Telemetry.Insights.Tests;

[SetUpFixture]
public sealed class SharedRedis : SharedRedisSetUp;
