namespace ImageBuild.Cli;

/// <summary>
/// Asks before destructive work, as docker does: the question goes to standard output and the answer is read from
/// standard input whether or not it is a terminal (<c>echo y | dotnet image prune</c>); only "y" or "yes" goes
/// ahead, and the end of the input means no.
/// </summary>
internal static class Confirmation
{
    public static async Task<bool> AskAsync(CommandContext context, string warning, CancellationToken cancellationToken)
    {
        await context.Out.WriteAsync($"{warning}\nAre you sure you want to continue? [y/N] ");
        await context.Out.FlushAsync(cancellationToken);
        var answer = await Console.In.ReadLineAsync(cancellationToken);
        return answer?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
