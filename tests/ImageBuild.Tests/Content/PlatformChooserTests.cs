using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Tests.Oci;

namespace ImageBuild.Tests.Content;

public sealed class PlatformChooserTests
{
    private static readonly Platform Amd64 = Platform.Parse("linux/amd64");
    private static readonly Platform Arm64 = Platform.Parse("linux/arm64");

    private static Descriptor Image(string platform) => new()
    {
        MediaType = MediaTypes.OciManifest,
        Digest = OciSamples.DigestOf(platform),
        Size = 100,
        Platform = Platform.Parse(platform),
    };

    [Fact]
    public void This_machines_platform_wins_wherever_it_is_in_the_index()
    {
        var manifests = new[] { Image("linux/arm64"), Image("linux/amd64") };

        Assert.Equal(manifests[1].Digest, PlatformChooser.Choose(manifests, null, "app", Amd64).Digest);
        Assert.Equal(manifests[0].Digest, PlatformChooser.Choose(manifests, null, "app", Arm64).Digest);
    }

    [Fact]
    public void Without_this_machines_platform_the_error_names_the_platforms_and_the_option()
    {
        // The divergence this replaces: inspect answered arm64 here while export and save failed.
        var manifests = new[] { Image("linux/arm64"), Image("linux/riscv64") };

        var error = Assert.Throws<NotFoundException>(() => PlatformChooser.Choose(manifests, null, "app", Amd64));

        Assert.Equal("app has no image for this machine (linux/amd64); it has linux/arm64, linux/riscv64: pass --platform with one of them", error.Message);
    }

    [Fact]
    public void A_single_foreign_image_is_not_chosen_silently()
    {
        var error = Assert.Throws<NotFoundException>(() => PlatformChooser.Choose([Image("linux/s390x")], null, "app", Amd64));

        Assert.Contains("--platform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_falls_back_to_the_nearest_platform_it_runs()
    {
        var arm = new[] { Image("linux/arm/v6"), Image("linux/arm/v7"), Image("linux/386") };

        Assert.Equal(arm[1].Digest, PlatformChooser.Choose(arm, null, "app", Arm64).Digest);
        Assert.Equal(arm[2].Digest, PlatformChooser.Choose(arm, null, "app", Amd64).Digest);
        Assert.Equal(arm[0].Digest, PlatformChooser.Choose([arm[0]], null, "app", Platform.Parse("linux/arm/v7")).Digest);
        Assert.Null(PlatformChooser.TryChoose([Image("linux/arm/v7")], null, Platform.Parse("linux/arm/v6")));
    }

    [Fact]
    public void The_platform_asked_for_takes_the_first_matching_image_and_never_an_attestation()
    {
        var arm64 = Image("linux/arm64");
        var attestation = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = OciSamples.DigestOf("att"), Size = 1, Platform = new Platform { Os = "unknown", Architecture = "unknown" } };
        var artifact = arm64 with { MediaType = "application/vnd.in-toto+json", Digest = OciSamples.DigestOf("artifact") };
        var duplicate = arm64 with { Digest = OciSamples.DigestOf("second arm64") };
        var manifests = new[] { attestation, artifact, Image("linux/amd64"), arm64, duplicate };

        Assert.Equal(arm64.Digest, PlatformChooser.Choose(manifests, Platform.Parse("linux/arm64/v8"), "app", Amd64).Digest);
        var error = Assert.Throws<NotFoundException>(() => PlatformChooser.Choose(manifests, Platform.Parse("linux/s390x"), "app", Amd64));
        Assert.Equal("app has no image for linux/s390x; it has linux/amd64, linux/arm64", error.Message);
    }
}
