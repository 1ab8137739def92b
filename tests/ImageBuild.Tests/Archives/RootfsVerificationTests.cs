using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Archives;

/// <summary>export and unpack read every layer through the verifying stream: a damaged store never yields a different filesystem.</summary>
public sealed class RootfsVerificationTests : LayoutTest
{
    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.None)]
    public async Task A_flipped_byte_in_a_stored_layer_fails_export_before_any_output(LayerCompression compression)
    {
        var (image, layer) = await ImageWithDamagedLayerAsync(compression, bytes => { bytes[bytes.Length / 2] ^= 0x20; return bytes; });
        var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<CorruptBlobException>(() => RootfsExporter.ExportAsync(Source, image, output, CancellationToken.None));

        Assert.Equal(layer.Digest.ToString(), error.Digest);
        Assert.Contains("fsck --repair", error.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_truncated_stored_layer_fails_unpack_with_one_line()
    {
        var (image, layer) = await ImageWithDamagedLayerAsync(LayerCompression.Gzip, bytes => bytes[..^9]);

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => RootfsExporter.UnpackAsync(Source, image, Temp.Combine("rootfs"), new LayerExtractorOptions(), CancellationToken.None));

        Assert.Equal(layer.Digest.ToString(), error.Digest);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_layer_whose_content_is_not_its_diff_id_fails_unpack()
    {
        var tar = new TestTar().File("etc/passwd", "root:x:0:0").ToArray();
        var claimed = Digest.Compute(new TestTar().File("etc/passwd", "other").ToArray());
        var layer = await Source.WriteBytesAsync(tar, MediaTypes.OciLayer, CancellationToken.None);
        var image = await SelectAsync(layer, claimed);

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => RootfsExporter.UnpackAsync(Source, image, Temp.Combine("rootfs"), new LayerExtractorOptions(), CancellationToken.None));

        Assert.Equal(claimed.ToString(), error.Digest);
        Assert.Contains($"layer {layer.Digest} (uncompressed) is corrupt", error.Message);
    }

    [Fact]
    public async Task Intact_layers_unpack()
    {
        var tar = new TestTar().File("etc/passwd", "root:x:0:0").ToArray();
        var layer = await Source.WriteBytesAsync(TestCompression.Compress(tar, LayerCompression.Gzip), MediaTypes.OciLayerGzip, CancellationToken.None);

        await RootfsExporter.UnpackAsync(Source, await SelectAsync(layer, Digest.Compute(tar)), Temp.Combine("rootfs"), new LayerExtractorOptions(), CancellationToken.None);

        Assert.Equal("root:x:0:0", await File.ReadAllTextAsync(Temp.Combine("rootfs/etc/passwd")));
    }

    [Fact]
    public async Task A_damaged_stored_blob_is_not_taken_as_present_and_a_write_replaces_it()
    {
        var content = new TestTar().File("a", "a").ToArray();
        var layer = await Source.WriteBytesAsync(content, MediaTypes.OciLayer, CancellationToken.None);
        var damaged = (byte[])content.Clone();
        damaged[600] ^= 1;
        await File.WriteAllBytesAsync(Source.BlobPath(layer.Digest), damaged);

        Assert.False(await Source.HasBlobAsync(layer, CancellationToken.None));
        await Source.WriteBlobAsync(layer, new MemoryStream(content), CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(Source.BlobPath(layer.Digest)));
        Assert.True(await Source.HasBlobAsync(layer, CancellationToken.None));
    }

    private async Task<(SelectedImage Image, Descriptor Layer)> ImageWithDamagedLayerAsync(LayerCompression compression, Func<byte[], byte[]> damage)
    {
        var root = await TestImages.WriteImageAsync(Source, compression, "amd64", "content of the layer");
        var layer = (await TestImages.ReadManifestAsync(Source, root)).Layers[0];
        var image = await ManifestSelector.ResolveAsync(Source, root, null, "test", CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(Source.BlobPath(layer.Digest));
        await File.WriteAllBytesAsync(Source.BlobPath(layer.Digest), damage(bytes));
        return (image, layer);
    }

    private async Task<SelectedImage> SelectAsync(Descriptor layer, Digest diffId)
    {
        var config = await Source.WriteJsonAsync(
            JsonBlobs.Config(new ImageConfig { Architecture = "amd64", Os = "linux", RootFs = new RootFs { DiffIds = [diffId] } }), CancellationToken.None);
        var manifest = await Source.WriteJsonAsync(
            JsonBlobs.Manifest(new ImageManifest { MediaType = MediaTypes.OciManifest, Config = config, Layers = [layer] }), CancellationToken.None);
        return await ManifestSelector.ResolveAsync(Source, manifest, null, "test", CancellationToken.None);
    }
}
