using System.CommandLine;
using System.Net;
using System.Text;
using ImageBuild.Errors;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;

namespace ImageBuild.Cli.Commands;

/// <summary>
/// <c>dotnet image login [HOST] [-u USER] [-p PASSWORD | --password-stdin]</c>: checks the credentials against the registry
/// and stores them as docker does: through the configured credential helper, else base64 in config.json.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var host = new Argument<string>("HOST") { Description = "Registry host[:port] (default: docker.io)", DefaultValueFactory = _ => "docker.io" };
        var username = new Option<string?>("--username", "-u") { Description = "User name (prompted for on a terminal when absent)" };
        var password = new Option<string?>("--password", "-p") { Description = "Password or token (insecure: it shows in the process list and shell history; prefer --password-stdin)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password or token from standard input" };
        var command = new Command("login", "Log in to a registry") { host, username, password, passwordStdin };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var registry = RegistryServerAddress.Normalize(context.GetValue(host)!);
            var given = context.GetValue(password);
            if (given is not null && context.GetValue(passwordStdin))
            {
                throw new InvalidInputException("--password and --password-stdin are mutually exclusive: give the password one way");
            }

            if (given is not null)
            {
                // docker's own warning; the password itself is never printed, in this or any error.
                await context.Error.WriteLineAsync("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }

            var user = context.GetValue(username) is { Length: > 0 } name ? name : await PromptAsync(context, "Username: ", secret: false);
            var secret = given ?? (context.GetValue(passwordStdin)
                ? (await Console.In.ReadToEndAsync(cancellationToken)).TrimEnd('\r', '\n')
                : await PromptAsync(context, "Password: ", secret: true));
            if (user.Length == 0 || secret.Length == 0)
            {
                throw new InvalidInputException("login needs a user name and a password: give -u USER and the password on standard input with --password-stdin");
            }

            var credentials = new RegistryCredentials(user, secret) { Source = $"the login for {user}" };
            await VerifyAsync(context, registry, credentials, cancellationToken);
            await StoreAsync(registry, credentials, cancellationToken);
            await context.Out.WriteLineAsync("Login Succeeded");
            return ExitCodes.Success;
        });
    }

    private static async Task VerifyAsync(CommandContext context, string registry, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        var apiHost = RegistryServerAddress.ApiHost(registry);
        using var access = new RegistryAccess(context, new StaticCredentialSource(new Dictionary<string, RegistryCredentials> { [apiHost] = credentials }));
        try
        {
            await access.ClientFor(registry).PingAsync(cancellationToken);
        }
        catch (RegistryException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ImageBuildException($"login to {registry} failed: the registry refused the user name and password for {credentials.Username}; check them and try again", ex);
        }
    }

    private static async Task StoreAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        Func<string, string?> environment = Environment.GetEnvironmentVariable;
        var path = CredentialFileLocations.DockerConfig(environment);
        var config = await DockerConfigFile.LoadAsync(path, cancellationToken);
        var helper = DockerConfigCredentialSource.HelperFor(config, registry, CredentialFileLocations.Display(path, environment), environment);
        if (helper is not null)
        {
            await helper.StoreAsync(RegistryServerAddress.For(registry), credentials, cancellationToken);
            if (config.RemoveAuth(registry))
            {
                // An old base64 login would shadow nothing but would keep the secret on disk.
                await config.SaveAsync(cancellationToken);
            }

            return;
        }

        config.SetAuth(registry, credentials);
        await config.SaveAsync(cancellationToken);
    }

    private static async Task<string> PromptAsync(CommandContext context, string prompt, bool secret)
    {
        if (Console.IsInputRedirected)
        {
            return string.Empty;
        }

        await context.Error.WriteAsync(prompt);
        if (!secret)
        {
            return Console.ReadLine()?.Trim() ?? string.Empty;
        }

        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        await context.Error.WriteLineAsync();
        return typed.ToString();
    }
}
