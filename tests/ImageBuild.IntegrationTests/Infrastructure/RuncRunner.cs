using System.Text.Json.Nodes;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Runs an image from an OCI layout the way a container runtime would: umoci unpacks it into a runtime
/// bundle and runc runs it as root. Proves an image is not just well formed but usable.
/// </summary>
public static class RuncRunner
{
    /// <summary>
    /// Unpacks <paramref name="layoutDirectory"/>:<paramref name="reference"/> and runs it once without a
    /// terminal. <paramref name="arguments"/>, when given, replace the image's entrypoint and command.
    /// The container is always deleted and the bundle removed afterwards.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string layoutDirectory,
        string reference,
        IReadOnlyList<string>? arguments = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        using var work = TempDirectory.Create("imagebuild-runc");
        var bundle = work.Combine("bundle");
        var state = work.CreateSubdirectory("state");

        var unpack = await ProcessRunner.RunAsync(
            Tools.Umoci.Path, ["unpack", "--image", $"{layoutDirectory}:{reference}", bundle], cancellationToken: cancellationToken);
        unpack.EnsureSuccess();
        await MakeNonInteractiveAsync(Path.Combine(bundle, "config.json"), arguments, cancellationToken);

        // A private state root keeps these containers apart from any other runc user on the machine.
        var id = $"imagebuild-test-{Guid.NewGuid():N}";
        try
        {
            return await ProcessRunner.RunAsync(
                Tools.Runc.Path, ["--root", state, "run", "--bundle", bundle, id], timeout, cancellationToken: cancellationToken);
        }
        finally
        {
            await ProcessRunner.RunAsync(Tools.Runc.Path, ["--root", state, "delete", "--force", id], cancellationToken: CancellationToken.None);
        }
    }

    private static async Task MakeNonInteractiveAsync(string configPath, IReadOnlyList<string>? arguments, CancellationToken cancellationToken)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath, cancellationToken))
            ?? throw new InvalidOperationException($"{configPath} is JSON null");
        var process = config["process"]?.AsObject()
            ?? throw new InvalidOperationException($"{configPath} has no process section");

        // umoci asks for a terminal, which runc can only give to an interactive caller.
        process["terminal"] = false;
        if (arguments is not null)
        {
            process["args"] = new JsonArray([.. arguments.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }

        await File.WriteAllTextAsync(configPath, config.ToJsonString(), cancellationToken);
    }
}
