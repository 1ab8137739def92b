using System.CommandLine;
using ImageBuild.Daemon;
using ImageBuild.Registry.Resilience;
using ImageBuild.Store;

namespace ImageBuild.Cli;

/// <summary>What a command's action needs besides its own options: output streams and the global options' values.</summary>
internal sealed class CommandContext
{
    private readonly ParseResult parse;
    private readonly GlobalOptions globals;

    private Task<ImageStore>? store;

    public CommandContext(ParseResult parse, GlobalOptions globals)
    {
        this.parse = parse;
        this.globals = globals;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Verbose => parse.GetValue(globals.Verbose);

    public bool Quiet => parse.GetValue(globals.Quiet);

    /// <summary>--timings: commands with phases of their own (build) print them on stderr.</summary>
    public bool Timings => parse.GetValue(globals.Timings);

    /// <summary>The --insecure-registry values.</summary>
    public IReadOnlyList<string> InsecureRegistries => parse.GetValue(globals.InsecureRegistries) ?? [];

    /// <summary>How hard registry work is tried (--retries), for the transport's retries and the uploads' and downloads' own.</summary>
    public RetryOptions Retry => RetryOptions.Default with { MaxRetries = parse.GetValue(globals.Retries) };

    /// <summary>The --daemon value: which local daemon docker-daemon: means; null for the one the environment points at.</summary>
    public DaemonKind? DaemonKind => parse.GetValue(globals.Daemon);

    /// <summary>The --ca-file values.</summary>
    public IReadOnlyList<string> CaFiles => parse.GetValue(globals.CaFiles) ?? [];

    public string StorePath => parse.GetValue(globals.Store) is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : ImageStore.ResolveDefaultPath(Environment.GetEnvironmentVariable);

    public T? GetValue<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>Tokens no option or argument took, for commands that pass them on to another tool.</summary>
    public IReadOnlyList<string> UnmatchedTokens => parse.UnmatchedTokens;

    public T? GetValue<T>(Argument<T> argument) => parse.GetValue(argument);

    /// <summary>
    /// The store, opened once per command: every part of a command (a build and its store output, a pull's
    /// scratch space) shares one instance, so what it knows of the blobs it wrote is not lost between them.
    /// </summary>
    public Task<ImageStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        store ??= ImageStore.OpenAsync(StorePath, cancellationToken);

    /// <summary>A registry connection for this run; the caller disposes it.</summary>
    public RegistryAccess OpenRegistries() => new(this);

    /// <summary>Progress and status lines: suppressed by --quiet, on stderr so stdout stays machine-readable.</summary>
    public Task StatusAsync(string line) => Quiet ? Task.CompletedTask : Error.WriteLineAsync(line);
}
