using System.CommandLine;
using ImageBuild.Daemon;

namespace ImageBuild.Cli;

/// <summary>Options every command takes.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = "Local image store directory (default: $DOTNET_IMAGE_STORE, else $XDG_DATA_HOME/dotnet-image, else ~/.local/share/dotnet-image)",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print details, including stack traces of errors",
        Recursive = true,
    };

    /// <summary>One switch for docker's per-command -q: each command prints only its essential result (ls: IDs).</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only the essential result (image IDs for ls and history) and errors",
        Recursive = true,
    };

    public Option<string[]> InsecureRegistries { get; } = new("--insecure-registry")
    {
        Description = "Registry HOST[:PORT] whose TLS certificate is not verified and which may use plain HTTP (repeatable; also $DOTNET_IMAGE_INSECURE_REGISTRIES)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> CaFiles { get; } = new("--ca-file")
    {
        Description = "PEM file of CA certificates to trust for registries, besides the system's (repeatable; also $SSL_CERT_FILE)",
        Recursive = true,
    };

    public Option<int> Retries { get; } = new("--retries")
    {
        Description = "How often a failed registry request, blob upload or download is tried again, with backoff, before giving up",
        Recursive = true,
        DefaultValueFactory = _ => Registry.Resilience.RetryOptions.Default.MaxRetries,
    };

    public GlobalOptions()
    {
        Retries.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"--retries must be 0 or more, not {result.GetValueOrDefault<int>()}");
            }
        });
    }

    public Option<bool> Timings { get; } = new("--timings")
    {
        Description = "Print where the time went on stderr: start-up, the command, and a build's phases (load, plan, hash, tar+compress, manifest, upload)",
        Recursive = true,
    };

    /// <summary>Which daemon docker-daemon: locations, --load and --output docker-daemon: use.</summary>
    public Option<DaemonKind?> Daemon { get; } = new("--daemon")
    {
        Description = "The local daemon docker-daemon: means: docker (DOCKER_HOST, DOCKER_CONTEXT, else /var/run/docker.sock) or podman (CONTAINER_HOST, else its API socket, else the podman command); default: the one the environment points at",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Daemon);
        root.Options.Add(InsecureRegistries);
        root.Options.Add(CaFiles);
        root.Options.Add(Retries);
        root.Options.Add(Store);
        root.Options.Add(Verbose);
        root.Options.Add(Quiet);
        root.Options.Add(Timings);
    }
}
