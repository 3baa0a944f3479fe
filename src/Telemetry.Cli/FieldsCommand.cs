using System.CommandLine;
using Telemetry.Contracts;

namespace Telemetry.Cli;

/// <summary><c>telemetry fields</c>: writes the field catalogue generated from the contract's descriptors.</summary>
internal static class FieldsCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output")
        {
            Description = "Where to write the catalogue. Defaults to standard output.",
        };
        var command = new Command("fields", "Write the field catalogue (every field with type, unit, privacy class and product).")
        {
            output,
        };
        command.SetAction(parseResult =>
        {
            var catalogue = FieldCatalog.Render();
            var file = parseResult.GetValue(output);
            if (file is null)
            {
                Console.Out.Write(catalogue);
            }
            else
            {
                File.WriteAllText(file.FullName, catalogue);
                Console.Error.WriteLine($"wrote {file.FullName}");
            }
        });
        return command;
    }
}
