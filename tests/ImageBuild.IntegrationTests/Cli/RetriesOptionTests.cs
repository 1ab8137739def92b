using System.Net;
using System.Net.Sockets;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>--retries N</c>: how often a failed registry request is tried again, said in the give-up line.</summary>
public sealed class RetriesOptionTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task A_registry_that_never_answers_is_tried_retries_plus_one_times_and_the_error_says_so()
    {
        var host = $"127.0.0.1:{ClosedPort()}";

        var once = await store.RunAsync("-q", "--retries", "0", "pull", $"{host}/app:1");
        var thrice = await store.RunAsync("-q", "--retries", "2", "pull", $"{host}/app:1");

        Assert.Equal((1, $"error: cannot reach registry {host}: connection refused; is it running?\n"), (once.ExitCode, once.StandardError));
        Assert.Equal((1, $"error: cannot reach registry {host}: connection refused; is it running? (tried 3 times)\n"), (thrice.ExitCode, thrice.StandardError));
    }

    [Fact]
    public async Task A_negative_count_is_a_usage_error()
    {
        var result = await store.RunAsync("--retries", "-1", "ls");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --retries must be 0 or more, not -1\n", result.StandardError);
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
