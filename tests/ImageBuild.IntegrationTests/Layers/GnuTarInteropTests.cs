using System.Runtime.Versioning;
using System.Security.Cryptography;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.IntegrationTests.Layers;

/// <summary>Layers written here must read the same in GNU tar, and GNU tar's archives must extract the same here.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class GnuTarInteropTests : IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-tar-interop");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Gnu_tar_extracts_our_layers_as_our_extractor_does(LayerCompression compression)
    {
        var source = CreateSourceTree();
        var blob = await new LayerWriter(new LayerOptions { Compression = compression })
            .WriteAsync(LayerEntries.FromDirectory(source, "/app"), temp.Path, CancellationToken.None);

        var byTar = temp.CreateSubdirectory("by-tar");
        await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--no-same-owner", "-xf", blob.FilePath, "-C", byTar);
        var ours = temp.Combine("ours");
        await new LayerExtractor(ours).ApplyAllAsync([ct => LayerReader.OpenAsync(File.OpenRead(blob.FilePath), cancellationToken: ct)], CancellationToken.None);

        var expected = await DescribeAsync(byTar);
        Assert.Contains("app/bin/tool f 755", expected);
        Assert.Contains("app/readme.txt f 644", expected);
        Assert.Contains("app/current l 777 bin/tool", expected);
        Assert.Contains("app/bin/tool-copy f 755  2", expected);
        Assert.Equal(expected, await DescribeAsync(ours));
        var listing = await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--numeric-owner", "-tvf", blob.FilePath);
        Assert.All(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(" 0/0 ", line));
        Assert.Contains("1970-01-01 00:00", listing);
    }

    [Fact]
    public async Task Our_extractor_and_flattener_read_gnu_tar_posix_archives()
    {
        var source = CreateSourceTree();
        var archive = temp.Combine("gnu.tar");
        await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "--format=posix", "-cf", archive, "-C", source, ".");
        var ours = temp.Combine("ours");
        await new LayerExtractor(ours).ApplyAllAsync([_ => Task.FromResult<Stream>(File.OpenRead(archive))], CancellationToken.None);
        var flattened = temp.Combine("flattened.tar");
        await using (var output = File.Create(flattened))
        {
            await LayerFlattener.FlattenAsync([_ => Task.FromResult<Stream>(File.OpenRead(archive))], output, CancellationToken.None);
        }

        var byTar = temp.CreateSubdirectory("flattened-by-tar");
        await ProcessRunner.OutputOfAsync(Tools.Tar.Path, "-xf", flattened, "-C", byTar);

        var expected = await DescribeAsync(source);
        Assert.Equal(expected, await DescribeAsync(ours));
        Assert.Equal(expected, await DescribeAsync(byTar));
    }

    private string CreateSourceTree()
    {
        var root = temp.CreateSubdirectory("src");
        var deep = Directory.CreateDirectory(Path.Combine(root, string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 5)))).FullName;
        File.WriteAllText(Path.Combine(deep, "ünïcødé ☃.txt"), "unicode");
        File.WriteAllText(Path.Combine(root, "readme.txt"), "hello");
        File.SetUnixFileMode(Path.Combine(root, "readme.txt"), (UnixFileMode)0x1A4);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "bin/tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(root, "bin/tool"), (UnixFileMode)0x1ED);
        File.CreateSymbolicLink(Path.Combine(root, "current"), "bin/tool");
        ProcessRunner.OutputOfAsync("ln", Path.Combine(root, "bin/tool"), Path.Combine(root, "bin/tool-copy")).GetAwaiter().GetResult();
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        return root;
    }

    /// <summary>One line per path: type, mode, link target, link count and content hash, from GNU find.</summary>
    private static async Task<string> DescribeAsync(string root)
    {
        var lines = (await ProcessRunner.OutputOfAsync("find", root, "-mindepth", "1", "-printf", "%P %y %m %l %n\\n"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .Select(line =>
            {
                var path = Path.Combine(root, line[..line.IndexOf(' ')]);
                var isFile = File.Exists(path) && new FileInfo(path).LinkTarget is null;
                return isFile ? $"{line} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}" : line;
            });
        return string.Join('\n', lines);
    }
}
