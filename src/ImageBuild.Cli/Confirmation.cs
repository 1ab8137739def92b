using ImageBuild.Errors;

namespace ImageBuild.Cli;

/// <summary>Asks before destructive work, as docker does; refuses when nobody can answer.</summary>
internal static class Confirmation
{
    public static async Task<bool> AskAsync(CommandContext context, string warning, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            throw new InvalidInputException("this removes images and needs confirmation, but standard input is not a terminal; pass -f (--force) to go ahead");
        }

        await context.Out.WriteAsync($"{warning}\nAre you sure you want to continue? [y/N] ");
        var answer = await Console.In.ReadLineAsync(cancellationToken);
        return answer?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
