using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Telemetry.Reporter.Benchmarks;

// In process: a generated benchmark project would inherit the repository's analyzers and warnings-as-errors.
// Fifteen iterations of at least 200 ms keep a run near a minute on a machine shared with builds, and the median
// steady against their noise.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(5)
        .WithIterationCount(15)
        .WithMinIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200)))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median);
BenchmarkRunner.Run<ReporterBenchmarks>(config, args);
