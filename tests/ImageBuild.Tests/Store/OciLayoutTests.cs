using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Tests.Store;

public sealed class OciLayoutTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Creating_writes_the_marker_and_an_empty_oci_index()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Combine("new"), CancellationToken.None);

        var marker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout.RootPath, "oci-layout")))!;
        Assert.Equal("1.0.0", (string?)marker["imageLayoutVersion"]);
        var index = JsonNode.Parse(await File.ReadAllTextAsync(layout.IndexPath))!;
        Assert.Equal(2, (int?)index["schemaVersion"]);
        Assert.Equal(MediaTypes.OciIndex, (string?)index["mediaType"]);
        Assert.Empty(index["manifests"]!.AsArray());
    }

    [Fact]
    public async Task A_directory_holding_other_files_is_refused()
    {
        var path = temp.Combine("foreign");
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => OciLayout.OpenOrCreateAsync(path, CancellationToken.None));

        Assert.Contains("not an OCI image layout", error.Message);
        Assert.False(File.Exists(Path.Combine(path, "oci-layout")));
        Assert.Throws<NotFoundException>(() => OciLayout.Open(path));
    }

    [Fact]
    public async Task A_blob_that_does_not_match_its_descriptor_leaves_nothing_behind()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(4096);
        var claimed = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(RandomNumberGenerator.GetBytes(16)), Size = content.Length };

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => layout.WriteBlobAsync(claimed, new MemoryStream(content), CancellationToken.None));

        Assert.Contains(claimed.Digest.ToString(), error.Message);
        Assert.Contains(Digest.Compute(content).ToString(), error.Message);
        Assert.Empty(TestImages.BlobFiles(layout));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(layout.RootPath, "ingest")));
    }

    [Fact]
    public async Task A_blob_longer_than_its_descriptor_is_refused()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(200_000);
        var claimed = new Descriptor { MediaType = MediaTypes.OciLayer, Digest = Digest.Compute(content), Size = 100 };

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => layout.WriteBlobAsync(claimed, new MemoryStream(content), CancellationToken.None));

        Assert.Contains("longer than the 100 bytes", error.Message);
        Assert.Empty(TestImages.BlobFiles(layout));
    }

    [Theory]
    [InlineData(1_000, 1)]
    [InlineData(1_000, -1)]
    [InlineData(100_000, 1)]
    [InlineData(100_000, -1)]
    public async Task A_stored_blob_whose_file_grew_or_shrank_fails_when_read(int size, int change)
    {
        // 1,000 bytes is a document, read whole at once; 100,000 is streamed: both must notice the file's length.
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(size);
        var descriptor = await layout.WriteBytesAsync(content, MediaTypes.OciLayer, CancellationToken.None);
        await File.WriteAllBytesAsync(layout.BlobPath(descriptor.Digest), change > 0 ? [.. content, 0] : content[..^1]);

        await Assert.ThrowsAsync<CorruptBlobException>(async () =>
        {
            await using var stream = await layout.OpenBlobAsync(descriptor, CancellationToken.None);
            await stream.CopyToAsync(Stream.Null);
        });
        // Another instance (which did not write it) checks the content too, and counts the blob absent.
        Assert.False(await OciLayout.Open(temp.Path).HasBlobAsync(descriptor, CancellationToken.None));
    }

    [Fact]
    public async Task A_verified_blob_is_stored_under_its_digest_and_not_read_again()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(300_000);
        var descriptor = new Descriptor { MediaType = MediaTypes.OciLayer, Digest = Digest.Compute(content), Size = content.Length };

        await layout.WriteBlobAsync(descriptor, new MemoryStream(content), CancellationToken.None);
        await layout.WriteBlobAsync(descriptor, new UnreadableStream(), CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(layout.RootPath, "blobs", "sha256", descriptor.Digest.Hex)));
        Assert.True(await layout.HasBlobAsync(descriptor, CancellationToken.None));
    }

    [Fact]
    public async Task A_blob_this_layout_wrote_is_not_hashed_again_until_its_file_changes()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(10_000);
        var descriptor = await layout.WriteBytesAsync(content, MediaTypes.OciLayer, CancellationToken.None);
        var path = layout.BlobPath(descriptor.Digest);
        var written = File.GetLastWriteTimeUtc(path);

        // Same size, other bytes, and the time this layout gave it: only a check that skips hashing says present.
        var swapped = (byte[])content.Clone();
        swapped[0] ^= 1;
        await File.WriteAllBytesAsync(path, swapped);
        File.SetLastWriteTimeUtc(path, written);
        var trusted = await layout.HasBlobAsync(descriptor, CancellationToken.None);

        // Written again by something else (a new file time): hashed, and found damaged.
        await File.WriteAllBytesAsync(path, swapped);
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1));
        var rewritten = await layout.HasBlobAsync(descriptor, CancellationToken.None);

        Assert.True(trusted);
        Assert.False(rewritten);
    }

    [Fact]
    public async Task Sha512_blobs_are_verified_and_stored_under_their_algorithm()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("sha512 content");
        var descriptor = new Descriptor { MediaType = "application/octet-stream", Digest = Digest.FromHash(Digest.Sha512, SHA512.HashData(content)), Size = content.Length };

        await layout.WriteBlobAsync(descriptor, new MemoryStream(content), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(layout.RootPath, "blobs", "sha512", descriptor.Digest.Hex)));
    }

    [Fact]
    public async Task Importing_a_temp_file_moves_it_in_and_a_wrong_size_deletes_it()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Combine("layout"), CancellationToken.None);
        var content = RandomNumberGenerator.GetBytes(5000);
        var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(content), Size = content.Length };
        var outside = temp.Combine("produced.tmp");
        await File.WriteAllBytesAsync(outside, content);
        var wrongSize = layout.CreateIngestPath();
        await File.WriteAllBytesAsync(wrongSize, content[..100]);

        await Assert.ThrowsAsync<CorruptBlobException>(() => layout.ImportBlobFileAsync(wrongSize, descriptor, CancellationToken.None));
        Assert.False(File.Exists(wrongSize));
        Assert.False(await layout.HasBlobAsync(descriptor, CancellationToken.None));

        await layout.ImportBlobFileAsync(outside, descriptor, CancellationToken.None);

        Assert.False(File.Exists(outside));
        Assert.Equal(content, await File.ReadAllBytesAsync(layout.BlobPath(descriptor.Digest)));
    }

    [Fact]
    public async Task Missing_blobs_raise_not_found()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        var descriptor = new Descriptor { MediaType = MediaTypes.OciLayer, Digest = Digest.Compute([1, 2, 3]), Size = 3 };

        await Assert.ThrowsAsync<NotFoundException>(() => layout.OpenBlobAsync(descriptor, CancellationToken.None));
    }

    [Fact]
    public async Task Updating_the_index_keeps_fields_this_tool_does_not_know()
    {
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, CancellationToken.None);
        await File.WriteAllTextAsync(layout.IndexPath, """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","x-extra":{"kept":true},
             "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"x-entry":"yes"}]}
            """);

        await layout.UpdateIndexAsync(index => index with { Annotations = new Dictionary<string, string> { ["a"] = "b" } }, CancellationToken.None);

        var written = JsonNode.Parse(await File.ReadAllTextAsync(layout.IndexPath))!;
        Assert.True((bool?)written["x-extra"]!["kept"]);
        Assert.Equal("yes", (string?)written["manifests"]![0]!["x-entry"]);
        Assert.Equal("b", (string?)written["annotations"]!["a"]);
        Assert.Single(OciJson.ParseIndex(await File.ReadAllBytesAsync(layout.IndexPath)).Manifests);
    }

    [Fact]
    public async Task Stale_unlocked_temp_files_are_swept_but_fresh_or_locked_ones_stay()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        var layout = await OciLayout.OpenOrCreateAsync(temp.Path, new OciLayoutOptions { Time = clock }, CancellationToken.None);
        var stale = layout.CreateIngestPath();
        var locked = layout.CreateIngestPath();
        var fresh = layout.CreateIngestPath();
        await File.WriteAllTextAsync(stale, "left by a killed process");
        await File.WriteAllTextAsync(locked, "a live writer");
        await File.WriteAllTextAsync(fresh, "about to be imported");
        File.SetLastWriteTimeUtc(fresh, clock.GetUtcNow().UtcDateTime);

        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            layout.SweepStaleTemps();
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(locked));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task A_held_lock_makes_other_writers_time_out_with_a_clear_error()
    {
        var path = temp.Path;
        var holder = await OciLayout.OpenOrCreateAsync(path, CancellationToken.None);
        var waiter = OciLayout.Open(path, new OciLayoutOptions { LockTimeout = TimeSpan.FromMilliseconds(300) });

        using (await holder.AcquireLockAsync(CancellationToken.None))
        {
            var error = await Assert.ThrowsAsync<ImageBuildException>(() => waiter.UpdateIndexAsync(i => i, CancellationToken.None));
            Assert.Contains("timed out", error.Message);
        }

        await waiter.UpdateIndexAsync(i => i, CancellationToken.None);
    }

    /// <summary>Fails the test if a write reads content it should have skipped.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("content was read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("content was read");
    }
}
