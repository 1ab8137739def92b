using ImageBuild.Errors;

namespace ImageBuild.IO;

/// <summary>
/// The one line a front end prints for an exception the library did not turn into an
/// <see cref="ImageBuildException"/>: file system failures by kind and path, network failures by host, and
/// anything else as a bug to report.
/// </summary>
public static class UnexpectedFailure
{
    /// <param name="storePath">The store the command used, so a failing path there is called "the store at PATH".</param>
    /// <param name="howToReport">How to get the details of a bug, e.g. "run with --verbose".</param>
    public static string Describe(Exception exception, string? storePath, string howToReport = "run with --verbose")
    {
        if (exception is ImageBuildException known)
        {
            return known.Message;
        }

        if (FileSystemFailure.From(exception) is { } fileSystem)
        {
            return fileSystem.Describe(storePath);
        }

        return exception switch
        {
            HttpRequestException http => $"network failure ({OneLine(http.Message)}); check the network and the registry, then try again",
            TimeoutException or OperationCanceledException => $"timed out ({OneLine(exception.Message)}); check the network and the registry, then try again",
            _ => $"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (a bug in ImageBuild: {howToReport} and report the details)",
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
