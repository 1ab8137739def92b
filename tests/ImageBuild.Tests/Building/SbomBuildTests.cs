using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Oci;
using ImageBuild.Sbom;
using ImageBuild.Store;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Building;

/// <summary>
/// A build asked for an SBOM attaches an SPDX 2.3 document to each platform manifest as an OCI referrer: valid
/// against the official schema, listing packages with purls and hashes and the added files with theirs, the same
/// bytes for the same inputs, and carried with the image into OCI layouts and back.
/// </summary>
public sealed class SbomBuildTests : IDisposable
{
    private const string Sha512Hex = "95a2e6c1ce85e29b4b5a58b4d4e3b0e8b7d60e4d8a1a4ef9b6c2a7f3b9a83c55d3d2a47e0b9e1f0a4c8f3c2e6d1b7a9e8f2c4d6b0a1e3f5c7d9b2e4f6a8c0d2e4";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_sbom_lists_packages_and_files_with_hashes_validates_and_is_the_same_for_the_same_inputs()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var app = temp.CreateDirectory("app");
        File.WriteAllText(Path.Combine(app, "web.dll"), "the app");
        File.WriteAllText(Path.Combine(app, "Humanizer.dll"), "a library");
        var plan = Plan(app);

        var first = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);
        var second = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);

        var image = Assert.Single(first.Images);
        Assert.NotNull(image.SbomDigest);
        Assert.Equal(image.SbomDigest, second.Images[0].SbomDigest);
        var json = Encoding.UTF8.GetString(await store.Layout.ReadSmallBlobAsync(image.SbomDocument!, CancellationToken.None));
        await SpdxSchemaValidator.AssertValidAsync(json);
        Assert.NotEmpty(await SpdxSchemaValidator.ValidateAsync(json.Replace("\"SHA256\"", "\"SHA-256\"", StringComparison.Ordinal)));

        var document = JsonNode.Parse(json)!;
        Assert.Equal("SPDX-2.3", document["spdxVersion"]!.GetValue<string>());
        Assert.Equal("1970-01-01T00:00:00Z", document["creationInfo"]!["created"]!.GetValue<string>());
        Assert.Contains(image.ManifestDigest.Hex, document["documentNamespace"]!.GetValue<string>());
        var packages = document["packages"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        var humanizer = packages["Humanizer.Core"];
        Assert.Equal("2.14.1", humanizer["versionInfo"]!.GetValue<string>());
        Assert.Equal("pkg:nuget/Humanizer.Core@2.14.1", humanizer["externalRefs"]![0]!["referenceLocator"]!.GetValue<string>());
        Assert.Equal(Sha512Hex, humanizer["checksums"]![0]!["checksumValue"]!.GetValue<string>());
        Assert.Equal("APPLICATION", packages["web"]["primaryPackagePurpose"]!.GetValue<string>());
        Assert.Equal("docker.io/library/web", packages["docker.io/library/web"]["name"]!.GetValue<string>());

        var files = document["files"]!.AsArray().ToDictionary(f => f!["fileName"]!.GetValue<string>(), f => f!);
        Assert.Equal(["./app/Humanizer.dll", "./app/web.dll"], files.Keys.Order(StringComparer.Ordinal));
        var checksums = files["./app/web.dll"]["checksums"]!.AsArray().ToDictionary(c => c!["algorithm"]!.GetValue<string>(), c => c!["checksumValue"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData("the app"u8)), checksums["SHA1"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("the app"u8)), checksums["SHA256"]);
        var relationships = document["relationships"]!.AsArray().Select(r => (r!["spdxElementId"]!.GetValue<string>(), r["relationshipType"]!.GetValue<string>(), r["relatedSpdxElement"]!.GetValue<string>())).ToList();
        Assert.Contains((humanizer["SPDXID"]!.GetValue<string>(), "CONTAINS", files["./app/Humanizer.dll"]["SPDXID"]!.GetValue<string>()), relationships);
        Assert.Contains(("SPDXRef-Project", "DEPENDS_ON", humanizer["SPDXID"]!.GetValue<string>()), relationships);

        // Attached to the manifest as a referrer, not an image of its own.
        var referrer = Assert.Single(await store.ListReferrersAsync(image.ManifestDigest, CancellationToken.None));
        Assert.Equal(image.SbomDigest, referrer.Digest);
        Assert.Equal(SbomArtifact.MediaType, referrer.ArtifactType);
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_sbom_travels_to_an_oci_layout_and_back_with_include_referrers_only()
    {
        var store = await ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);
        var app = temp.CreateDirectory("app");
        File.WriteAllText(Path.Combine(app, "web.dll"), "the app");
        var built = await new ImageBuilder(store).BuildAsync(Plan(app), CancellationToken.None);
        var endpoints = TransferEndpoints.Local(store);
        var layout = temp.Combine("layout");

        await ImageCopier.CopyAsync(ImageLocation.Parse("store:web:1"), ImageLocation.Parse($"oci:{layout}:web"), endpoints, new TransferOptions { IncludeReferrers = true }, CancellationToken.None);
        await ImageCopier.CopyAsync(ImageLocation.Parse("store:web:1"), ImageLocation.Parse($"oci:{temp.Combine("without")}:web"), endpoints, TransferOptions.Default, CancellationToken.None);

        var entries = (await OciLayout.Open(layout).ReadIndexAsync(CancellationToken.None)).Manifests;
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Digest == built.Images[0].SbomDigest && e.ArtifactType == SbomArtifact.MediaType && e.Annotation(Annotations.RefName) is null);
        Assert.Single((await OciLayout.Open(temp.Combine("without")).ReadIndexAsync(CancellationToken.None)).Manifests);

        // The layout's only image is still the image (its referrer is not one), and the SBOM comes back with it.
        var other = await ImageStore.OpenAsync(temp.Combine("other-store"), CancellationToken.None);
        await ImageCopier.CopyAsync(ImageLocation.Parse($"oci:{layout}"), ImageLocation.Parse("store:web:copy"), TransferEndpoints.Local(other), new TransferOptions { IncludeReferrers = true }, CancellationToken.None);
        var referrer = Assert.Single(await other.ListReferrersAsync(built.Digest, CancellationToken.None));
        Assert.Equal(built.Images[0].SbomDigest, referrer.Digest);
        Assert.True(other.Layout.HasBlob(built.Images[0].SbomDocument!));
    }

    private static BuildPlan Plan(string app) => new()
    {
        Layers = [LayerSpec.FromDirectory("app", app, "/app")],
        Platforms = [Platform.LinuxAmd64],
        Tags = ["web:1"],
        Sbom = new SbomInputs
        {
            ProjectName = "web",
            ProjectVersion = "1.0.0",
            Packages = [new SbomPackage("Humanizer.Core", "2.14.1", Sha512Hex)],
            FileOrigins = [new SbomFileOrigin("app/Humanizer.dll", "Humanizer.Core")],
        },
    };
}
