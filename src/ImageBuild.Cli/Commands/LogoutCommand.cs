using System.CommandLine;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image logout [HOST]</c>: removes stored credentials from the credential helper and from config.json.</summary>
internal static class LogoutCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new Argument<string>("HOST") { Description = "Registry host[:port] (default: docker.io)", DefaultValueFactory = _ => "docker.io" };
        var command = new Command("logout", "Log out from a registry") { host };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var registry = RegistryServerAddress.Normalize(context.GetValue(host)!);
            var serverAddress = RegistryServerAddress.For(registry);
            Func<string, string?> environment = Environment.GetEnvironmentVariable;
            var path = CredentialFileLocations.DockerConfig(environment);
            var config = await DockerConfigFile.LoadAsync(path, cancellationToken);
            var helper = DockerConfigCredentialSource.HelperFor(config, registry, CredentialFileLocations.Display(path, environment), environment);
            var erased = helper is not null && await helper.EraseAsync(serverAddress, cancellationToken);
            if (config.RemoveAuth(registry))
            {
                erased = true;
                await config.SaveAsync(cancellationToken);
            }

            await context.Out.WriteLineAsync(erased ? $"Removing login credentials for {serverAddress}" : $"Not logged in to {serverAddress}");
            return ExitCodes.Success;
        });
    }
}
