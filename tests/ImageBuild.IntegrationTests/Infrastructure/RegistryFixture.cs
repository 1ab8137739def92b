using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A real registry (Debian's docker-registry, distribution v2.8) on 127.0.0.1 over plain HTTP, with its
/// storage in a temp directory. Use it as a class or collection fixture, or start extra ones (a second
/// registry for cross-registry copies) with <see cref="StartAsync"/>. Every request it serves appears in
/// <see cref="Log"/> as an access-log line, which <see cref="Requests"/> parses.
/// </summary>
public sealed partial class RegistryFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly RegistryFixtureOptions options;
    private readonly StringBuilder log = new();
    private TempDirectory? directory;
    private Process? process;
    private StreamWriter? logFile;

    public RegistryFixture()
        : this(RegistryFixtureOptions.Default)
    {
    }

    // Not public: xunit builds class fixtures through their single public constructor.
    private RegistryFixture(RegistryFixtureOptions options)
    {
        this.options = options;
    }

    /// <summary><c>127.0.0.1:PORT</c>, as a registry is named in a reference.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary>The registry's storage root (distribution's filesystem driver layout).</summary>
    public string StoragePath => directory!.Combine("storage");

    public string LogPath => directory!.Combine("registry.log");

    /// <summary>Everything the registry printed so far: its application log and one access-log line per request.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts another registry, already running; the caller disposes it.</summary>
    public static async Task<RegistryFixture> StartAsync(RegistryFixtureOptions? options = null)
    {
        var registry = new RegistryFixture(options ?? RegistryFixtureOptions.Default);
        try
        {
            await registry.InitializeAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The requests served so far, from the access log, in order: method, path with query, status. The
    /// registry writes a request's log line after answering it, so this first sends a marker request and
    /// waits for its line: every request answered before the call is then in the log.
    /// </summary>
    public IReadOnlyList<(string Method, string Target, int Status)> Requests()
    {
        var marker = "/v2/?settle=" + Guid.NewGuid().ToString("N");
        using (var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        using (var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) })
        {
            using var response = http.GetAsync($"{(options.Tls ? "https" : "http")}://{Host}{marker}").GetAwaiter().GetResult();
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Log.Contains(marker, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return AccessLogLine().Matches(Log)
            .Select(m => (m.Groups["method"].Value, m.Groups["target"].Value, int.Parse(m.Groups["status"].Value)))
            .Where(r => !r.Item2.StartsWith("/v2/?settle=", StringComparison.Ordinal))
            .ToList();
    }

    public async Task InitializeAsync()
    {
        directory = TempDirectory.Create("imagebuild-registry");
        Directory.CreateDirectory(StoragePath);
        logFile = new StreamWriter(LogPath) { AutoFlush = true };
        var port = FreePort();
        Host = $"127.0.0.1:{port}";
        var configPath = directory.Combine("config.yml");
        await File.WriteAllTextAsync(configPath, await ConfigAsync(port));

        var startInfo = new ProcessStartInfo(Tools.Registry.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(configPath);
        process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
            process = null;
        }

        if (logFile is not null)
        {
            lock (log)
            {
                logFile.Dispose();
                logFile = null;
            }
        }

        directory?.Dispose();
        directory = null;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    // The port is free when asked; another process could take it before the registry binds, which shows
    // as "address already in use" in the start failure.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string> ConfigAsync(int port)
    {
        var config = new StringBuilder();
        config.Append($"""
            version: 0.1
            log:
              level: info
              formatter: text
            storage:
              filesystem:
                rootdirectory: {StoragePath}
              delete:
                enabled: {(options.DeleteEnabled ? "true" : "false")}
              maintenance:
                uploadpurging:
                  enabled: false
            # Foreign layers (with urls) are accepted without their blob only when their urls are allowed.
            validation:
              manifests:
                urls:
                  allow:
                    - ^https://
            # The http section stays last: the TLS options below are appended into it.
            http:
              addr: 127.0.0.1:{port}
              secret: imagebuild-test-secret

            """);
        if (options.Tls)
        {
            var (certificate, key) = await WriteTlsFilesAsync();
            config.Append($"""
                  tls:
                    certificate: {certificate}
                    key: {key}

                """);
        }

        if (options.BasicAuth is { } user)
        {
            var hash = await ProcessRunner.RunAsync(Tools.Htpasswd.Path, ["-Bbn", user.Username, user.Password]);
            hash.EnsureSuccess();
            var htpasswd = directory!.Combine("htpasswd");
            await File.WriteAllTextAsync(htpasswd, hash.StandardOutput.Trim() + "\n");
            config.Append($"""
                auth:
                  htpasswd:
                    realm: imagebuild-test
                    path: {htpasswd}

                """);
        }

        if (options.TokenAuth is { } token)
        {
            config.Append($"""
                auth:
                  token:
                    realm: {token.Realm}
                    service: {token.Service}
                    issuer: {token.Issuer}
                    rootcertbundle: {token.RootCertBundlePath}

                """);
        }

        return config.ToString();
    }

    private async Task WaitUntilServingAsync()
    {
        // The fixture only checks that the server answers; the tests judge the certificate.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var scheme = options.Tls ? "https" : "http";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
            {
                throw new XunitException($"docker-registry exited with code {process.ExitCode} while starting\n--- log ---\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync($"{scheme}://{Host}/v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; ask again.
            }

            await Task.Delay(50);
        }

        throw new XunitException($"docker-registry did not answer GET {scheme}://{Host}/v2/ within {StartTimeout.TotalSeconds:0} s\n--- log ---\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Append(line).Append('\n');
            logFile?.WriteLine(line);
        }
    }

    // gorilla/handlers' combined log format: 127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 200 2 "" "agent"
    [GeneratedRegex("\"(?<method>[A-Z]+) (?<target>\\S+) HTTP/[0-9.]+\" (?<status>[0-9]{3}) ")]
    private static partial Regex AccessLogLine();
}
