using System.CommandLine;
using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Transfers;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image load</c>: images from an oci-archive or docker-archive into the store, like <c>docker load</c>.</summary>
internal static class LoadCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var input = new Option<string?>("--input", "-i") { Description = "Archive to read (tar, tar.gz or tar.zst; OCI or docker format). Default: standard input" };
        var command = new Command("load", "Load images from an OCI or docker archive") { input };
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var store = await context.OpenStoreAsync(cancellationToken);
            var path = context.GetValue(input);
            string? spooled = null;
            try
            {
                if (string.IsNullOrEmpty(path))
                {
                    if (!Console.IsInputRedirected)
                    {
                        throw new InvalidInputException("requested load from stdin, but stdin is a terminal; pass --input FILE or pipe an archive in");
                    }

                    // The loader seeks in the archive, so standard input is spooled to the store's scratch space first.
                    spooled = store.Layout.CreateIngestPath();
                    await using (var file = File.Create(spooled))
                    {
                        await Console.OpenStandardInput().CopyToAsync(file, cancellationToken);
                    }

                    path = spooled;
                }
                else if (!File.Exists(path))
                {
                    throw new NotFoundException($"{path} does not exist; pass the archive that 'dotnet image save' or 'docker save' wrote");
                }

                var results = await new ImageLoader(store).LoadAsync(path, cancellationToken);
                foreach (var dropped in results.SelectMany(result => result.DroppedNames.Select(name => (result.ImageId, Name: name))))
                {
                    await context.Error.WriteLineAsync(
                        $"warning: dropped the name \"{Printable(dropped.Name)}\" of image {dropped.ImageId}: it is not a valid image reference; tag the image with 'dotnet image tag'");
                }

                if (!context.Quiet)
                {
                    foreach (var result in results)
                    {
                        if (result.Names.Count == 0)
                        {
                            await context.Out.WriteLineAsync($"Loaded image ID: {result.ImageId}");
                        }

                        foreach (var name in result.Names)
                        {
                            await context.Out.WriteLineAsync($"Loaded image: {name.FamiliarString}");
                        }
                    }
                }

                return ExitCodes.Success;
            }
            finally
            {
                if (spooled is not null)
                {
                    File.Delete(spooled);
                }
            }
        });
    }

    // A name from an archive may hold anything; control characters must not reach the terminal.
    private static string Printable(string name) =>
        string.Concat(name.Take(200).Select(c => char.IsControl(c) ? '?' : c)) + (name.Length > 200 ? "..." : string.Empty);
}
