using System.CommandLine;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image system</c>: store-wide commands, as under <c>docker system</c>.</summary>
internal static class SystemCommand
{
    public static Command Create(GlobalOptions globals) =>
        new("system", "Manage the image store") { DiskUsageCommand.Create(globals, "df") };
}
