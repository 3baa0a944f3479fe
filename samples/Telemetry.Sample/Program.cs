using Telemetry.Sample;

await SampleApp.Build(args).RunAsync();
