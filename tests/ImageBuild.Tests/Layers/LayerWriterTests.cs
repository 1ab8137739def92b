using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ZstdSharp;

namespace ImageBuild.Tests.Layers;

[UnsupportedOSPlatform("windows")]
public sealed class LayerWriterTests : IDisposable
{
    private static readonly UnixFileMode Mode644 = (UnixFileMode)0x1A4;
    private static readonly UnixFileMode Mode755 = (UnixFileMode)0x1ED;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Same_tree_built_differently_gives_identical_digests(LayerCompression compression)
    {
        var first = temp.CreateDirectory("first");
        var second = temp.CreateDirectory("second");
        SampleTree.Create(first, reverseOrder: false, mtime: new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        SampleTree.Create(second, reverseOrder: true, mtime: new DateTime(2024, 6, 6, 6, 6, 6, DateTimeKind.Utc));
        var writer = new LayerWriter(new LayerOptions { Compression = compression });

        var a = await writer.WriteAsync(LayerEntries.FromDirectory(first, "/app"), temp.Path, CancellationToken.None);
        var b = await writer.WriteAsync(LayerEntries.FromDirectory(second, "/app"), temp.Path, CancellationToken.None);

        Assert.Equal(a.DiffId, b.DiffId);
        Assert.Equal(a.Digest, b.Digest);
        Assert.Equal(a.Size, b.Size);
        Assert.NotEqual(a.FilePath, b.FilePath);
        Assert.Equal(File.ReadAllBytes(a.FilePath), File.ReadAllBytes(b.FilePath));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip, false, MediaTypes.OciLayerGzip)]
    [InlineData(LayerCompression.Gzip, true, MediaTypes.DockerLayerGzip)]
    [InlineData(LayerCompression.Zstd, false, MediaTypes.OciLayerZstd)]
    [InlineData(LayerCompression.None, false, MediaTypes.OciLayer)]
    public async Task Digest_and_diff_id_hash_the_file_and_its_decompressed_tar(LayerCompression compression, bool docker, string mediaType)
    {
        var source = temp.CreateDirectory("src");
        SampleTree.Create(source, reverseOrder: false, mtime: DateTime.UtcNow);
        var writer = new LayerWriter(new LayerOptions { Compression = compression, DockerMediaTypes = docker });

        var blob = await writer.WriteAsync(LayerEntries.FromDirectory(source), temp.Path, CancellationToken.None);

        var bytes = File.ReadAllBytes(blob.FilePath);
        Assert.Equal(Digest.Compute(bytes), blob.Digest);
        Assert.Equal(bytes.Length, blob.Size);
        var tar = Decompress(bytes, compression);
        Assert.Equal(Digest.Compute(tar), blob.DiffId);
        Assert.Equal(tar.Length, blob.UncompressedSize);
        Assert.Equal(compression, blob.Compression);
        Assert.Equal(mediaType, blob.MediaType);
        Assert.Equal(compression, LayerReader.DetectCompression(bytes));
        Assert.Equal(Path.GetFullPath(temp.Path), Path.GetDirectoryName(blob.FilePath));
    }

    [Fact]
    public async Task Each_file_written_is_listed_with_the_hashes_of_its_content()
    {
        var source = temp.CreateDirectory("src");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "b.txt"), "second file");
        File.WriteAllBytes(Path.Combine(source, "sub", "a.bin"), Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());
        File.CreateSymbolicLink(Path.Combine(source, "link"), "b.txt");

        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(source, "/app"), temp.Path, CancellationToken.None);

        Assert.Equal(["app/b.txt", "app/sub/a.bin"], blob.Files.Select(f => f.Path));
        foreach (var file in blob.Files)
        {
            var content = File.ReadAllBytes(Path.Combine(source, file.Path["app/".Length..]));
            Assert.Equal(content.Length, file.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(content)), file.Sha1);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
        }
    }

    [Fact]
    public async Task Gzip_header_has_no_name_no_mtime_and_a_fixed_os_byte()
    {
        var source = temp.CreateDirectory("src");
        File.WriteAllText(Path.Combine(source, "a.txt"), "a");
        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(source), temp.Path, CancellationToken.None);

        var header = File.ReadAllBytes(blob.FilePath)[..10];
        Assert.Equal(new byte[] { 0x1F, 0x8B, 8 }, header[..3]);
        Assert.Equal(0, header[3]); // FLG: no FNAME, FCOMMENT or FEXTRA
        Assert.Equal(new byte[4], header[4..8]); // MTIME
        Assert.Equal(255, header[9]); // OS: unknown, whatever platform wrote it
    }

    [Fact]
    public async Task Modes_follow_the_execute_bit_and_entries_are_sorted_with_parents()
    {
        var source = temp.CreateDirectory("src");
        SampleTree.Create(source, reverseOrder: false, mtime: DateTime.UtcNow);
        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(source, "/srv/app"), temp.Path, CancellationToken.None);

        var items = await TarContents.ReadBlobAsync(blob.FilePath);

        Assert.Equal(Mode644, items.Single("srv/app/readme.txt").Mode);
        Assert.Equal(Mode644, items.Single("srv/app/private.txt").Mode); // 0600 on disk
        Assert.Equal(Mode755, items.Single("srv/app/bin/tool").Mode); // 0700 on disk
        Assert.Equal(Mode755, items.Single("srv/").Mode);
        Assert.Equal(TarEntryType.Directory, items.Single("srv/app/empty/").Type);
        Assert.Contains(items, item => item.Name == "srv/app/.hidden");
        var names = items.Select(item => item.Name.TrimEnd('/')).ToList();
        Assert.Equal(names.Order(LayerPath.Comparer), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        for (var i = 0; i < names.Count; i++)
        {
            var parent = LayerPath.Parent(names[i]);
            Assert.True(parent.Length == 0 || names.IndexOf(parent) is >= 0 and var p && p < i, $"parent of {names[i]} not before it");
        }

        Assert.All(items, item => Assert.Equal((0, 0, string.Empty), (item.Uid, item.Gid, item.UserName)));
    }

    [Fact]
    public async Task Symlinks_and_hardlinks_are_kept()
    {
        var source = temp.CreateDirectory("src");
        SampleTree.Create(source, reverseOrder: false, mtime: DateTime.UtcNow);
        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(source, "/app"), temp.Path, CancellationToken.None);

        var items = await TarContents.ReadBlobAsync(blob.FilePath);

        var link = items.Single("app/current");
        Assert.Equal((TarEntryType.SymbolicLink, "bin/tool"), (link.Type, link.LinkName));
        var outside = items.Single("app/etc-link");
        Assert.Equal((TarEntryType.SymbolicLink, "/etc"), (outside.Type, outside.LinkName));
        Assert.DoesNotContain(items, item => item.Name.StartsWith("app/etc-link/", StringComparison.Ordinal));
        var hardlink = items.Single("app/bin/tool-copy");
        Assert.Equal((TarEntryType.HardLink, "app/bin/tool"), (hardlink.Type, hardlink.LinkName));
        Assert.Equal(TarEntryType.RegularFile, items.Single("app/bin/tool").Type);
    }

    [Fact]
    public async Task Timestamp_comes_from_options_not_from_disk()
    {
        var source = temp.CreateDirectory("src");
        SampleTree.Create(source, reverseOrder: false, mtime: DateTime.UtcNow);
        var options = LayerOptions.FromSourceDateEpoch("1700000000");
        var entries = LayerEntries.FromDirectory(source, "/app").Append(
            LayerEntry.File("pinned.txt", Path.Combine(source, "readme.txt")) with { ModificationTime = DateTimeOffset.FromUnixTimeSeconds(42) });

        var blob = await new LayerWriter(options).WriteAsync(entries, temp.Path, CancellationToken.None);

        var items = await TarContents.ReadBlobAsync(blob.FilePath);
        Assert.All(items.Where(item => item.Name != "pinned.txt"), item => Assert.Equal(1_700_000_000, item.ModificationTime.ToUnixTimeSeconds()));
        Assert.Equal(42, items.Single("pinned.txt").ModificationTime.ToUnixTimeSeconds());
        var defaults = await new LayerWriter(new LayerOptions()).WriteAsync(LayerEntries.FromDirectory(source), temp.Path, CancellationToken.None);
        Assert.All(await TarContents.ReadBlobAsync(defaults.FilePath), item => Assert.Equal(DateTimeOffset.UnixEpoch, item.ModificationTime));
    }

    [Fact]
    public async Task Long_and_unicode_names_large_ids_round_trip()
    {
        var source = temp.CreateDirectory("src");
        var file = Path.Combine(source, "f");
        File.WriteAllText(file, "content");
        var longName = string.Join('/', Enumerable.Repeat("segment-of-twenty-ch", 8)) + "/ünïcødé-☃.txt";
        var entries = new[]
        {
            LayerEntry.File(longName, file) with { Uid = 5_000_000, Gid = 1000 },
            LayerEntry.Symlink("link", "/" + longName),
        };

        var blob = await new LayerWriter(new LayerOptions()).WriteAsync(entries, temp.Path, CancellationToken.None);

        var items = await TarContents.ReadBlobAsync(blob.FilePath);
        var item = items.Single(longName);
        Assert.Equal((5_000_000, 1000), (item.Uid, item.Gid));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("content"u8)), item.ContentSha256);
        Assert.Equal("/" + longName, items.Single("link").LinkName);
    }

    [Fact]
    public async Task Duplicate_paths_are_refused_by_name()
    {
        var file = temp.Combine("f");
        File.WriteAllText(file, "x");
        var entries = new[] { LayerEntry.File("/app/x", file), LayerEntry.File("app/./x", file) };

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new LayerWriter(new LayerOptions()).WriteAsync(entries, temp.Path, CancellationToken.None));

        Assert.Contains("/app/x", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task Invalid_entries_are_refused()
    {
        var file = temp.Combine("f");
        File.WriteAllText(file, "x");
        var writer = new LayerWriter(new LayerOptions());

        Assert.Throws<InvalidInputException>(() => LayerEntry.File("../x", file));
        await Assert.ThrowsAsync<ImageBuildException>(() => writer.WriteAsync([LayerEntry.Hardlink("a", "b"), LayerEntry.File("b", file)], temp.Path, CancellationToken.None));
        await Assert.ThrowsAsync<ImageBuildException>(() => writer.WriteAsync([LayerEntry.File("a", file), LayerEntry.File("a/b", file)], temp.Path, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => writer.WriteAsync([LayerEntry.File("a", temp.Combine("missing"))], temp.Path, CancellationToken.None));
    }

    [Fact]
    public async Task An_existing_tar_is_compressed_as_is()
    {
        var tar = new TestTar().Directory("etc/").File("etc/os-release", "ID=test").ToArray();
        var writer = new LayerWriter(new LayerOptions { Compression = LayerCompression.Zstd, ZstdLevel = 19 });

        var blob = await writer.WriteFromTarAsync(new MemoryStream(tar), temp.Path, CancellationToken.None);

        Assert.Equal(Digest.Compute(tar), blob.DiffId);
        Assert.Equal(tar, Decompress(File.ReadAllBytes(blob.FilePath), LayerCompression.Zstd));
        Assert.Equal(Digest.Compute(File.ReadAllBytes(blob.FilePath)), blob.Digest);
    }

    private static byte[] Decompress(byte[] blob, LayerCompression compression)
    {
        using Stream input = compression switch
        {
            LayerCompression.Gzip => new GZipStream(new MemoryStream(blob), CompressionMode.Decompress),
            LayerCompression.Zstd => new DecompressionStream(new MemoryStream(blob)),
            _ => new MemoryStream(blob),
        };
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
