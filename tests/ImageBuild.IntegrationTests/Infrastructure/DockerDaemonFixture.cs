using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A real Docker daemon (Debian's docker.io) of the test's own: private socket, data root and exec root in a
/// temp directory, vfs storage, no bridge and no iptables, so it touches nothing of the machine's and runs
/// containers with <c>docker run --network none</c>. Share it through <see cref="DockerDaemonCollection"/>:
/// starting one takes seconds. <see cref="Environment"/> points the docker CLI (and our tool) at it.
/// </summary>
public sealed class DockerDaemonFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder log = new();
    private string? directory;
    private Process? process;

    /// <summary>The directory holding the socket, data root and exec root.</summary>
    public string Directory => directory ?? throw new InvalidOperationException("the daemon is not started");

    /// <summary>The daemon's socket path.</summary>
    public string SocketPath => System.IO.Path.Combine(Directory, "docker.sock");

    /// <summary><c>unix:///.../docker.sock</c>, as DOCKER_HOST takes it.</summary>
    public string Host => "unix://" + SocketPath;

    /// <summary>Environment that points the docker CLI and our tool at this daemon and no other.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Host,
        ["DOCKER_CONTEXT"] = null,
        ["DOCKER_CONFIG"] = System.IO.Path.Combine(Directory, "cli-config"),
    };

    /// <summary>Everything the daemon printed so far.</summary>
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

    public static ExternalTool Dockerd { get; } = new("dockerd", "docker.io", ["dockerd"]);

    /// <summary>The docker CLI; the Debian package's, or a newer one on PATH (the CLI negotiates the API version down).</summary>
    public static ExternalTool Docker { get; } = new("docker", "docker.io", ["docker"]);

    public async Task InitializeAsync()
    {
        // A unix socket path is limited to 107 bytes, so the directory lives directly under /tmp with a short name.
        directory = System.IO.Path.Combine("/tmp", "ibd-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(directory, "cli-config"));
        var startInfo = new ProcessStartInfo(Dockerd.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--host", Host,
            "--data-root", System.IO.Path.Combine(directory, "root"),
            "--exec-root", System.IO.Path.Combine(directory, "exec"),
            "--pidfile", System.IO.Path.Combine(directory, "pid"),
            "--storage-driver", "vfs",
            "--iptables=false", "--ip6tables=false", "--bridge=none"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync())
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var exited = process.HasExited ? $"exited with {process.ExitCode}" : $"did not answer within {StartTimeout.TotalSeconds:0} s";
                throw new InvalidOperationException($"dockerd {exited}\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs the docker CLI against this daemon.</summary>
    public Task<ProcessResult> RunDockerAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Docker.Path, arguments, environment: Environment);

    /// <summary>Runs the docker CLI against this daemon and returns its standard output; fails the test unless it exits with 0.</summary>
    public async Task<string> DockerOutputAsync(params string[] arguments) =>
        (await RunDockerAsync(arguments)).EnsureSuccess().StandardOutput;

    /// <summary>Loads an archive (docker-archive or OCI with manifest.json) with <c>docker load -i</c>.</summary>
    public Task<string> LoadAsync(string archivePath) => DockerOutputAsync("load", "-i", archivePath);

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // SIGTERM lets dockerd stop containerd and unmount; kill only what does not stop in time.
            _ = ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process?.Dispose();
        if (directory is not null && System.IO.Directory.Exists(directory))
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A mount the daemon left behind; the next boot's /tmp cleanup takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task<bool> AnswersAsync()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            var request = Encoding.ASCII.GetBytes("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(request);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}

/// <summary>Test classes that talk to the shared test daemon; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DockerDaemonCollection : ICollectionFixture<DockerDaemonFixture>
{
    public const string Name = "Docker daemon";
}
