using System.CommandLine;
using ImageBuild.Cli.Rendering;
using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Store.Queries;

namespace ImageBuild.Cli.Commands;

/// <summary><c>dotnet image ls</c> (alias <c>images</c>): the store's images, as <c>docker image ls</c> lists them.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var repository = new Argument<string?>("REPOSITORY[:TAG]") { Description = "Only images matching this name (globs allowed)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all", "-a") { Description = "Show all images (docker adds intermediate images; dangling images are always listed)" };
        var digests = new Option<bool>("--digests") { Description = "Show manifest digests" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var filter = new Option<string[]>("--filter", "-f") { Description = "Filter output: dangling=true|false, before=IMAGE, since=IMAGE, label=KEY[=VALUE], reference=GLOB, until=TIME" };
        var format = new Option<string?>("--format") { Description = "Format output: 'table', 'table TEMPLATE', 'json', or a Go template such as '{{.Repository}}:{{.Tag}}'" };

        var command = new Command("ls", "List images in the local store") { repository, all, digests, noTrunc, filter, format };
        command.Aliases.Add("images");
        return command.WithAction(globals, async (context, cancellationToken) =>
        {
            var quiet = context.Quiet;
            var defaultFormat = quiet ? DefaultTableFormats.Quiet
                : context.GetValue(digests) ? DefaultTableFormats.ImagesWithDigests
                : DefaultTableFormats.Images;
            // As in docker, -q only changes the default table: a --format given with it wins.
            var listFormat = ListFormat.Parse(context.GetValue(format), defaultFormat);
            var options = new ImageListOptions(context.GetValue(all), context.GetValue(repository), ImageFilter.Parse(context.GetValue(filter) ?? []), context.GetValue(digests));

            var store = await context.OpenStoreAsync(cancellationToken);
            var rows = await ImageQuery.ListAsync(store, options, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var noTruncValue = context.GetValue(noTrunc);
            listFormat.Write(rows.Select(r => ToRow(r, noTruncValue, now)), ColumnHeaders.Images, context.Out);
            return ExitCodes.Success;
        });
    }

    private static Templates.Values.GoValue ToRow(ImageSummary image, bool noTrunc, DateTimeOffset now) => FormatterContexts.Image.Row(
        DisplayFields.NotAvailable,
        DisplayFields.CreatedAt(image.Created),
        DisplayFields.CreatedSince(image.Created, now),
        image.Digest,
        DisplayFields.Id(image.Id, noTrunc),
        image.Repository,
        DisplayFields.NotAvailable,
        HumanSize.Format(image.Size),
        image.Tag,
        DisplayFields.NotAvailable,
        HumanSize.Format(image.Size, 4)); // VirtualSize is units.HumanSize (4 digits) where Size has 3
}
