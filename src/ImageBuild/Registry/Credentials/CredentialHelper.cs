using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Credentials;

/// <summary>
/// A docker credential helper, <c>docker-credential-NAME</c> on the PATH, run as a process: <c>get</c>
/// (server address on stdin, JSON on stdout), <c>store</c> (JSON on stdin) and <c>erase</c>. A helper that
/// is missing, fails or hangs past the timeout is an error naming it.
/// </summary>
/// <param name="environment">Supplies the PATH the helper is looked up in.</param>
public sealed class CredentialHelper(string name, string configuredBy, Func<string, string?> environment, TimeSpan? timeout = null)
{
    private readonly TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);

    public string Name { get; } = name;

    public string Program => "docker-credential-" + Name;

    /// <summary>The stored credentials for <paramref name="serverAddress"/>, or null when the helper has none.</summary>
    public async Task<RegistryCredentials?> GetAsync(string serverAddress, CancellationToken cancellationToken = default)
    {
        var (exit, output, error) = await RunAsync("get", serverAddress, cancellationToken);
        if (exit != 0)
        {
            // The helpers' shared library prints this for an unknown server address and exits with 1.
            if ((output + error).Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            throw Failure("get", exit, error.Length > 0 ? error : output);
        }

        CredentialHelperPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(output, RegistryJsonContext.Default.CredentialHelperPayload);
        }
        catch (JsonException)
        {
            throw new ImageBuildException($"credential helper {Program} ({configuredBy}) printed something other than its JSON answer for {serverAddress}; check the helper");
        }

        if (payload?.Secret is not { Length: > 0 } secret)
        {
            return null;
        }

        var source = $"credential helper {Program}";
        return payload.Username == CredentialHelperPayload.IdentityTokenUser
            ? new RegistryCredentials(CredentialHelperPayload.IdentityTokenUser, string.Empty) { IdentityToken = secret, Source = source }
            : new RegistryCredentials(payload.Username ?? string.Empty, secret) { Source = source };
    }

    public async Task StoreAsync(string serverAddress, RegistryCredentials credentials, CancellationToken cancellationToken = default)
    {
        var payload = credentials.IdentityToken is { } token
            ? new CredentialHelperPayload { ServerUrl = serverAddress, Username = CredentialHelperPayload.IdentityTokenUser, Secret = token }
            : new CredentialHelperPayload { ServerUrl = serverAddress, Username = credentials.Username, Secret = credentials.Password };
        var (exit, output, error) = await RunAsync("store", JsonSerializer.Serialize(payload, RegistryJsonContext.Default.CredentialHelperPayload), cancellationToken);
        if (exit != 0)
        {
            throw Failure("store", exit, error.Length > 0 ? error : output);
        }
    }

    /// <summary>Removes the credentials; true when there were some.</summary>
    public async Task<bool> EraseAsync(string serverAddress, CancellationToken cancellationToken = default)
    {
        var (exit, output, error) = await RunAsync("erase", serverAddress, cancellationToken);
        if (exit == 0)
        {
            return true;
        }

        return (output + error).Contains("not found", StringComparison.OrdinalIgnoreCase) ? false : throw Failure("erase", exit, error.Length > 0 ? error : output);
    }

    private ImageBuildException NotInstalled() =>
        new($"credential helper {Program} ({configuredBy}) is not installed or not on the PATH; install it or remove it from the configuration");

    private string? Locate()
    {
        var names = OperatingSystem.IsWindows() ? [Program + ".exe", Program + ".cmd", Program] : new[] { Program };
        return (environment("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(file => Path.Combine(directory, file)))
            .FirstOrDefault(File.Exists);
    }

    private ImageBuildException Failure(string verb, int exit, string said) =>
        new($"credential helper {Program} ({configuredBy}) failed to {verb} credentials (exit code {exit}: {OneLine(said)}); fix the helper or remove it from the configuration");

    private async Task<(int Exit, string Output, string Error)> RunAsync(string verb, string input, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(Locate() ?? throw NotInstalled())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(verb);
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            throw NotInstalled();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading its input; its exit code and message say why.
            }

            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await output).Trim(), (await error).Trim());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new ImageBuildException($"credential helper {Program} ({configuredBy}) did not answer within {limit.TotalSeconds:0} s; it may be waiting for a password prompt or a locked keychain");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "no message" : line.Length <= 200 ? line : line[..197] + "...";
    }
}
