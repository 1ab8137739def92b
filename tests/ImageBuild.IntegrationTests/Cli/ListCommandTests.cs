using System.Text.Json.Nodes;
using static ImageBuild.IntegrationTests.Cli.CliStore;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary><c>dotnet image ls</c> (and <c>images</c>) as a process: docker's table, filters and formats, byte for byte.</summary>
public sealed class ListCommandTests : IDisposable
{
    private readonly CliStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Default_table_lists_familiar_names_newest_first_with_docker_spacing()
    {
        var oldest = await store.ImportSmallAsync("a:1", DaysAgo(5), "a\n");
        var middle = await store.ImportSmallAsync("localhost:5000/x/y:v1", DaysAgo(4), "b\n");
        var newest = await store.ImportSmallAsync("docker.io/library/bb", DaysAgo(3), "c\n");
        var sizes = await SizesAsync(newest, middle, oldest);

        var output = await store.OutputAsync("ls");

        Assert.Equal(
            "REPOSITORY           TAG       IMAGE ID       CREATED      SIZE\n" +
            $"bb                   latest    {Short(newest)}   3 days ago   {sizes[0]}\n" +
            $"localhost:5000/x/y   v1        {Short(middle)}   4 days ago   {sizes[1]}\n" +
            $"a                    1         {Short(oldest)}   5 days ago   {sizes[2]}\n",
            output);
        Assert.Equal(output, await store.OutputAsync("images"));
        Assert.Equal(output, await store.OutputAsync("ls", "--format", "table"));
    }

    [Fact]
    public async Task An_empty_store_prints_the_header_at_minimum_column_widths()
    {
        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", await store.OutputAsync("ls"));
    }

    [Fact]
    public async Task Dangling_images_are_listed_as_docker_lists_them_and_filters_pick_them()
    {
        var replaced = await store.ImportSmallAsync("app:1", DaysAgo(6));
        var current = await store.ImportSmallAsync("app:1", DaysAgo(2));
        var sizes = await SizesAsync(current, replaced);

        var tagged = $"app          1         {Short(current)}   2 days ago   {sizes[0]}\n";
        var dangling = $"<none>       <none>    {Short(replaced)}   6 days ago   {sizes[1]}\n";
        const string header = "REPOSITORY   TAG       IMAGE ID       CREATED      SIZE\n";
        Assert.Equal(header + tagged + dangling, await store.OutputAsync("ls"));
        Assert.Equal(header + tagged + dangling, await store.OutputAsync("ls", "-a"));
        Assert.Equal(header + dangling, await store.OutputAsync("ls", "--filter", "dangling=true"));
        Assert.Equal(header + tagged, await store.OutputAsync("ls", "-a", "--filter", "dangling=false"));

        await store.AssertFailsAsync(2, "error: invalid filter 'dangling=maybe': expected dangling=true or dangling=false\n", "ls", "--filter", "dangling=maybe");
    }

    [Fact]
    public async Task Quiet_no_trunc_and_digests_show_ids_and_registry_digests()
    {
        var older = await store.ImportSmallAsync("one:1", DaysAgo(4), "1\n");
        var newer = await store.ImportSmallAsync("two:2", DaysAgo(3), "2\n");
        var sizes = await SizesAsync(newer, older);

        Assert.Equal($"{Short(newer)}\n{Short(older)}\n", await store.OutputAsync("ls", "-q"));
        Assert.Equal($"{newer}\n{older}\n", await store.OutputAsync("ls", "-q", "--no-trunc"));
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID                                                                  CREATED      SIZE\n" +
            $"two          2         {newer}   3 days ago   {sizes[0]}\n" +
            $"one          1         {older}   4 days ago   {sizes[1]}\n",
            await store.OutputAsync("ls", "--no-trunc"));

        // As in docker, images never pulled from a registry have no digest to show.
        Assert.Equal(
            "REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED      SIZE\n" +
            $"two          2         <none>    {Short(newer)}   3 days ago   {sizes[0]}\n" +
            $"one          1         <none>    {Short(older)}   4 days ago   {sizes[1]}\n",
            await store.OutputAsync("ls", "--digests"));
    }

    [Fact]
    public async Task Before_and_since_compare_creation_strictly_and_refuse_unknown_images()
    {
        var first = await store.ImportSmallAsync("first:1", DaysAgo(9), "1\n");
        var second = await store.ImportSmallAsync("second:1", DaysAgo(7), "2\n");
        var third = await store.ImportSmallAsync("third:1", DaysAgo(5), "3\n");

        Assert.Equal($"{Short(second)}\n{Short(first)}\n", await store.OutputAsync("ls", "-q", "--filter", "before=third:1"));
        Assert.Equal($"{Short(first)}\n", await store.OutputAsync("ls", "-q", "--filter", $"before={Short(second)[..5]}"));
        Assert.Equal($"{Short(third)}\n{Short(second)}\n", await store.OutputAsync("ls", "-q", "--filter", "since=first:1"));
        Assert.Equal($"{Short(second)}\n", await store.OutputAsync("ls", "-q", "--filter", "since=first:1", "--filter", "before=third:1"));

        await store.AssertFailsAsync(1, "error: No such image: nosuch:latest\n", "ls", "--filter", "before=nosuch");
    }

    [Fact]
    public async Task Label_filters_match_keys_and_values_and_are_anded()
    {
        var both = await store.ImportSmallAsync("both:1", DaysAgo(5), "1\n", "LABEL k=v", "LABEL team=web");
        var other = await store.ImportSmallAsync("other:1", DaysAgo(4), "2\n", "LABEL k=w");
        await store.ImportSmallAsync("none:1", DaysAgo(3), "3\n");

        Assert.Equal($"{Short(other)}\n{Short(both)}\n", await store.OutputAsync("ls", "-q", "--filter", "label=k"));
        Assert.Equal($"{Short(both)}\n", await store.OutputAsync("ls", "-q", "--filter", "label=k=v"));
        Assert.Equal($"{Short(both)}\n", await store.OutputAsync("ls", "-q", "--filter", "label=k", "--filter", "label=team=web"));
        Assert.Empty(await store.OutputAsync("ls", "-q", "--filter", "label=k=w", "--filter", "label=team"));
    }

    [Fact]
    public async Task Reference_globs_match_familiar_names_without_crossing_slashes()
    {
        var bb = await store.ImportSmallAsync("bb:latest", DaysAgo(5), "1\n");
        var xy = await store.ImportSmallAsync("localhost:5000/x/y:v1", DaysAgo(4), "2\n");
        var nested = await store.ImportSmallAsync("team/app:latest", DaysAgo(3), "3\n");

        Assert.Equal($"{Short(bb)}\n", await store.OutputAsync("ls", "-q", "--filter=reference=*:latest"));
        Assert.Equal($"{Short(nested)}\n", await store.OutputAsync("ls", "-q", "--filter=reference=*/*:latest"));
        Assert.Equal($"{Short(bb)}\n", await store.OutputAsync("ls", "-q", "--filter", "reference=*"));
        Assert.Empty(await store.OutputAsync("ls", "-q", "--filter", "reference=docker.io/library/bb"));
        Assert.Equal($"{Short(xy)}\n", await store.OutputAsync("ls", "-q", "--filter", "reference=localhost:5000/x/*"));
        Assert.Empty(await store.OutputAsync("ls", "-q", "--filter", "reference=x/*"));
        Assert.Equal($"{Short(nested)}\n{Short(xy)}\n", await store.OutputAsync("ls", "-q", "--filter", "reference=*/*", "--filter", "reference=localhost:5000/*/*"));
        Assert.Equal($"{Short(xy)}\n", await store.OutputAsync("ls", "-q", "localhost:5000/x/y:v1"));
    }

    [Fact]
    public async Task Until_takes_an_rfc3339_time_or_a_duration()
    {
        var old = await store.ImportSmallAsync("old:1", DaysAgo(10), "1\n");
        var recent = await store.ImportSmallAsync("recent:1", DaysAgo(2), "2\n");

        Assert.Equal($"{Short(old)}\n", await store.OutputAsync("ls", "-q", "--filter", $"until={Rfc3339(DaysAgo(5))}"));
        Assert.Equal($"{Short(old)}\n", await store.OutputAsync("ls", "-q", "--filter", "until=120h"));
        Assert.Equal($"{Short(recent)}\n{Short(old)}\n", await store.OutputAsync("ls", "-q", "--filter", "until=24h"));
    }

    [Fact]
    public async Task An_unknown_filter_key_is_a_usage_error_listing_the_valid_keys()
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));

        await store.AssertFailsAsync(2, "error: invalid filter 'bogus': valid filters are before, dangling, label, reference, since, until\n", "ls", "--filter", "bogus=1");
    }

    [Fact]
    public async Task Format_templates_print_the_chosen_fields()
    {
        var older = await store.ImportSmallAsync("localhost:5000/x/y:v1", DaysAgo(4), "1\n");
        var newer = await store.ImportSmallAsync("bb:1.0", DaysAgo(3), "2\n");
        var sizes = await SizesAsync(newer, older);

        Assert.Equal("bb:1.0\nlocalhost:5000/x/y:v1\n", await store.OutputAsync("ls", "--format", "{{.Repository}}:{{.Tag}}"));
        Assert.Equal($"{sizes[0]}\n{sizes[1]}\n", await store.OutputAsync("ls", "--format", "{{.Size}}"));
        Assert.Equal(
            "IMAGE ID       SIZE\n" +
            $"{Short(newer)}   {sizes[0]}\n" +
            $"{Short(older)}   {sizes[1]}\n",
            await store.OutputAsync("ls", "--format", "table {{.ID}}\\t{{.Size}}"));
    }

    [Fact]
    public async Task Size_has_three_significant_digits_and_virtual_size_four_as_dockers()
    {
        var content = string.Concat(Enumerable.Range(0, 100).Select(i => Guid.NewGuid().ToString("N"))) + "\n";
        var id = await store.ImportSmallAsync("big:1", DaysAgo(3), content);
        var bytes = await store.SizeOnDiskAsync(id);

        Assert.Equal(
            $"{HumanSize(bytes)} {HumanSize(bytes, 4)}\n",
            await store.OutputAsync("ls", "--format", "{{.Size}} {{.VirtualSize}}"));
        Assert.Contains($"   {HumanSize(bytes),-10}{HumanSize(0, 4),-14}{HumanSize(bytes, 4),-14}0\n", await store.OutputAsync("system", "df", "-v"));
    }

    [Fact]
    public async Task Format_json_prints_one_object_per_line()
    {
        var older = await store.ImportSmallAsync("one:1", DaysAgo(4), "1\n");
        var newer = await store.ImportSmallAsync("localhost:5000/two:2", DaysAgo(3), "2\n");

        var lines = (await store.OutputAsync("ls", "--format", "json")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!;
        var second = JsonNode.Parse(lines[1])!;
        Assert.Equal(Short(newer), (string?)first["ID"]);
        Assert.Equal("localhost:5000/two", (string?)first["Repository"]);
        Assert.Equal("2", (string?)first["Tag"]);
        Assert.Equal("<none>", (string?)first["Digest"]);
        Assert.Equal("3 days ago", (string?)first["CreatedSince"]);
        Assert.Equal(Short(older), (string?)second["ID"]);
        Assert.Equal("one", (string?)second["Repository"]);
        Assert.Equal((await SizesAsync(older))[0], (string?)second["Size"]);
        Assert.Equal(lines, (await store.OutputAsync("ls", "--format", "{{json .}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("{{.Repository}} {{.Nope}}", "error: template parsing error: template: :1:18: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext\n")]
    [InlineData("{{.Repository", "error: template parsing error: template: :1: unclosed action\n")]
    public async Task A_template_error_fails_with_dockers_message_and_byte_offset(string format, string expected)
    {
        await store.ImportSmallAsync("a:1", DaysAgo(3));

        await store.AssertFailsAsync(1, expected, "ls", "--format", format);
    }

    private async Task<string[]> SizesAsync(params string[] imageIds) =>
        await Task.WhenAll(imageIds.Select(async id => HumanSize(await store.SizeOnDiskAsync(id))));
}
