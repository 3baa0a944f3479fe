using System.CommandLine;
using Telemetry.Cli;

var root = new RootCommand("Telemetry operator commands.")
{
    FieldsCommand.Create(),
};
return root.Parse(args).Invoke();
