using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Telemetry.Insights;
using Telemetry.Upload;
using Telemetry.Upload.Diagnostics;

namespace Telemetry.Uploader;

/// <summary>
/// <c>telemetry-uploader</c>: with no subcommand it runs the uploader until SIGINT/SIGTERM; <c>dead-letters list</c>
/// and <c>dead-letters replay</c> manage the dead letters; <c>insights rebuild</c> recomputes the rollups. Configuration comes from <c>appsettings.json</c>,
/// environment variables (<c>Upload__Sink=postgres</c>, <c>Redis__Configuration=…</c>) and <c>--set Key=Value</c>.
/// </summary>
internal static class UploaderCommands
{
    public static RootCommand Create()
    {
        var set = new Option<string[]>("--set")
        {
            Description = "A configuration value, such as Upload:Sink=postgres (repeatable).",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var root = new RootCommand("Drains the Telemetry report buffer to the configured sink.") { set };
        root.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(set), cancellationToken));

        var list = new Command("list", "Lists the dead letters of every shard.");
        list.SetAction((parse, cancellationToken) => ListAsync(parse.GetValue(set), cancellationToken));

        var ids = new Option<string[]>("--id") { Description = "A dead letter to replay, as <shard>/<entry id> (repeatable)." };
        var all = new Option<bool>("--all") { Description = "Replay every dead letter." };
        var replay = new Command("replay", "Moves dead letters back into the buffer to be uploaded again.") { ids, all };
        replay.SetAction((parse, cancellationToken) => ReplayAsync(parse.GetValue(set), parse.GetValue(ids) ?? [], parse.GetValue(all), cancellationToken));

        root.Subcommands.Add(new Command("dead-letters", "Lists or replays reports that could not be stored.") { list, replay });
        root.Subcommands.Add(InsightsCommands.Create(set));
        return root;
    }

    private static async Task<int> RunAsync(string[]? settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        Apply(builder.Configuration, settings);
        builder.AddTelemetryConsoleLogging();
        builder.Services.AddUploader(builder.Configuration);
        builder.Services.AddRollupMerging(builder.Configuration);
        builder.AddUploaderOperationsEndpoint();
        var shutdown = builder.Configuration.GetSection(UploadOptions.SectionName).Get<UploadOptions>()?.ShutdownTimeout ?? new UploadOptions().ShutdownTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown + TimeSpan.FromSeconds(5));
        await using var app = builder.Build();
        app.MapUploaderOperationsEndpoint();
        await app.RunAsync(cancellationToken);
        return 0;
    }

    private static async Task<int> ListAsync(string[]? settings, CancellationToken cancellationToken)
    {
        using var services = Services(settings);
        var rows = new List<string[]>();
        await foreach (var letter in services.GetRequiredService<DeadLetterStore>().ListAsync(cancellationToken))
        {
            rows.Add([
                letter.Reference,
                letter.ReportId,
                letter.Product,
                letter.Attempts.ToString(CultureInfo.InvariantCulture),
                letter.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                letter.Reason,
            ]);
        }

        string[] header = ["id", "report_id", "product", "attempts", "first_seen_utc", "reason"];
        if (Console.IsOutputRedirected)
        {
            // Piped: one tab-separated line per dead letter, for scripts.
            Console.WriteLine(string.Join('\t', header));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join('\t', row.Select(c => c.Replace('\t', ' ').Replace('\n', ' '))));
            }
        }
        else if (rows.Count > 0)
        {
            var table = new Table().AddColumns(header);
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
        }

        Console.WriteLine(rows.Count == 0 ? "No dead letters." : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} dead letters."));
        return 0;
    }

    private static async Task<int> ReplayAsync(string[]? settings, string[] ids, bool all, CancellationToken cancellationToken)
    {
        if (all == (ids.Length > 0))
        {
            AnsiConsole.MarkupLine("[red]Give either --id (one or more) or --all.[/]");
            return 2;
        }

        using var services = Services(settings);
        var store = services.GetRequiredService<DeadLetterStore>();
        if (all)
        {
            var replayed = await store.ReplayAllAsync(cancellationToken);
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Replayed {replayed} dead letters."));
            return 0;
        }

        var missing = 0;
        foreach (var id in ids)
        {
            if (await store.ReplayAsync(id, cancellationToken))
            {
                AnsiConsole.WriteLine($"Replayed {id}.");
            }
            else
            {
                AnsiConsole.MarkupLine($"[yellow]No dead letter {Markup.Escape(id)}.[/]");
                missing++;
            }
        }

        return missing == 0 ? 0 : 1;
    }

    /// <summary>The uploader's services without the worker, plus what <paramref name="add"/> registers.</summary>
    internal static ServiceProvider Services(string[]? settings, Action<IServiceCollection, IConfiguration>? add = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        Apply(configuration, settings);
        var built = configuration.Build();
        var services = new ServiceCollection().AddLogging().AddUploadServices(built);
        add?.Invoke(services, built);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<UploadOptions>>().Value;
        return provider;
    }

    private static void Apply(IConfigurationBuilder configuration, string[]? settings)
    {
        if (settings is not { Length: > 0 })
        {
            return;
        }

        configuration.AddInMemoryCollection(settings.Select(s =>
        {
            var equals = s.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new ArgumentException($"--set takes Key=Value, not '{s}'.");
            }

            return new KeyValuePair<string, string?>(s[..equals], s[(equals + 1)..]);
        }));
    }
}
