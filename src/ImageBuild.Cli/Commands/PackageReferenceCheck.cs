using System.Diagnostics;
using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// Before <c>dotnet image publish</c> compiles anything: does the project reference ImageBuild.Tasks? Without it
/// <c>-t:PublishImage</c> fails only after a full build, with MSBuild's "target does not exist". The project is only
/// evaluated (<c>dotnet msbuild -getItem:PackageReference</c>), which takes no restore and no compile.
/// </summary>
internal static class PackageReferenceCheck
{
    public const string PackageId = "ImageBuild.Tasks";

    /// <summary>Throws a one-line error naming the fix when <paramref name="project"/> does not reference the package.</summary>
    public static async Task EnsureReferencedAsync(string dotnet, string project, CancellationToken cancellationToken)
    {
        if (project.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || project.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["msbuild", project, "-getItem:PackageReference", "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ImageBuildException($"could not start {dotnet}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        // An evaluation that fails (no project there, several of them) is left to dotnet publish to report.
        if (process.ExitCode == 0 && !References(await output))
        {
            var here = Path.GetFullPath(project) == Path.GetFullPath(".");
            throw new ImageBuildException(
                $"{(here ? "this project" : project)} does not reference the {PackageId} package, so it has no PublishImage target: run 'dotnet add {(here ? string.Empty : project + " ")}package {PackageId}' (add --source DIR for the folder or feed that holds it), then publish again");
        }
    }

    private static bool References(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("Items", out var items)
                && items.TryGetProperty("PackageReference", out var references)
                && references.EnumerateArray().Any(r => r.TryGetProperty("Identity", out var id) && string.Equals(id.GetString(), PackageId, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            // Not the JSON we asked for (an old SDK): do not block the publish on our own guess.
            return true;
        }
    }
}
