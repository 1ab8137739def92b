using ImageBuild.Archives;
using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Publishing;
using ImageBuild.Transfers;

namespace ImageBuild.Tests.Publishing;

public sealed class ContainerPlanFactoryTests
{
    private static readonly ContainerRequest Request = new()
    {
        BaseImage = "dotnet-runtime-local:10.0",
        BaseFacts = new BaseImageFacts("10.0", null, false, false, false, ["linux-x64"], null, null),
        Repository = "shop/web",
        RuntimeIdentifiers = ["linux-x64"],
    };

    [Fact]
    public void Tags_follow_the_sdk_and_semver_expands()
    {
        Assert.Equal(["docker.io/shop/web:latest"], ContainerPlanFactory.Tags(Request));
        Assert.Equal(["localhost:5000/shop/web:1.0", "localhost:5000/shop/web:stable"], ContainerPlanFactory.Tags(Request with { Registry = "localhost:5000", Tags = ["1.0", "stable"] }));
        Assert.Equal(4, ContainerPlanFactory.Tags(Request with { SemverTags = "1.2.3" }).Count);
    }

    [Fact]
    public void Outputs_default_to_store_then_registry_then_archive_then_explicit()
    {
        Assert.Same(BuildOutput.Store, Assert.Single(ContainerPlanFactory.Create(Request).Outputs));
        Assert.Same(BuildOutput.Registry, Assert.Single(ContainerPlanFactory.Create(Request with { Registry = "localhost:5000" }).Outputs));
        var archive = Assert.Single(ContainerPlanFactory.Create(Request with { ArchiveOutputPath = "/tmp/out/" }).Outputs);
        Assert.Equal(new ArchiveLocation(ArchiveFormat.Docker, "/tmp/out/shop-web.tar.gz", null), archive.Location);
        Assert.Equal(new OciLayoutLocation("/tmp/layout", null), Assert.Single(ContainerPlanFactory.Create(Request with { ImageOutput = "oci:/tmp/layout" }).Outputs).Location);
    }

    [Fact]
    public void Sbom_inputs_name_each_package_and_file_origin_per_platform_and_are_off_with_ContainerSbom_false()
    {
        var humanizer = Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData("humanizer"u8));
        var request = Request with
        {
            RuntimeIdentifiers = ["linux-x64", "linux-arm64"],
            ProjectName = "web",
            ProjectVersion = "2.0.0",
            Files =
            [
                new("/x64/web.dll", "web.dll", null, false, false, "linux-x64"),
                new("/x64/Humanizer.dll", "Humanizer.dll", "Humanizer.Core", false, false, "linux-x64", "2.14.1", humanizer),
                new("/arm/Humanizer.dll", "Humanizer.dll", "Humanizer.Core", false, false, "linux-arm64", "2.14.1", humanizer),
                new("/x64/libcoreclr.so", "libcoreclr.so", "Microsoft.NETCore.App.Runtime.linux-x64", true, false, "linux-x64", "10.0.1"),
            ],
        };

        var sbom = ContainerPlanFactory.Create(request).Sbom!;

        Assert.Equal(("web", "2.0.0"), (sbom.ProjectName, sbom.ProjectVersion));
        Assert.Equal(
            ["Humanizer.Core 2.14.1 linux/amd64 library", "Humanizer.Core 2.14.1 linux/arm64/v8 library", "Microsoft.NETCore.App.Runtime.linux-x64 10.0.1 linux/amd64 runtime"],
            sbom.Packages.Select(p => $"{p.Name} {p.Version} {p.Platform} {(p.IsRuntimePack ? "runtime" : "library")}").Order(StringComparer.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(humanizer)), sbom.Packages.First(p => p.Name == "Humanizer.Core").Sha512);
        Assert.Null(sbom.Packages.Single(p => p.IsRuntimePack).Sha512);
        Assert.Equal(["app/Humanizer.dll", "app/Humanizer.dll", "app/libcoreclr.so"], sbom.FileOrigins.Select(o => o.Path).Order(StringComparer.Ordinal));
        Assert.Null(ContainerPlanFactory.Create(request with { Sbom = false }).Sbom);
        Assert.All(ContainerPlanFactory.Create(request with { RuntimeIdentifiers = ["linux-x64"] }).Sbom!.Packages, p => Assert.Null(p.Platform));
    }

    [Theory]
    [InlineData("ContainerImageFormat")]
    [InlineData("ContainerPort")]
    [InlineData("ContainerImageTag")]
    [InlineData("ContainerImageOutput")]
    public void Bad_properties_name_themselves(string property)
    {
        var request = property switch
        {
            "ContainerImageFormat" => Request with { ImageFormat = "docker2" },
            "ContainerPort" => Request with { Ports = [new("http", "tcp")] },
            "ContainerImageTag" => Request with { Tags = ["-bad tag"] },
            _ => Request with { ImageOutput = "registry" },
        };

        var error = Assert.ThrowsAny<InvalidInputException>(() => ContainerPlanFactory.Create(request));
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public void Entrypoint_and_default_args_follow_the_instruction()
    {
        var entrypoint = ContainerCommand.Changes(null, ["dotnet", "/app/a.dll"], ["x"], ["--y"]);
        Assert.Equal(["ENTRYPOINT [\"dotnet\",\"/app/a.dll\",\"x\"]", "CMD [\"--y\"]"], entrypoint.Select(c => c.Describe()));
        var defaultArgs = ContainerCommand.Changes("DefaultArgs", ["dotnet", "/app/a.dll"], [], ["--y"]);
        Assert.Equal(["CMD [\"dotnet\",\"/app/a.dll\",\"--y\"]"], defaultArgs.Select(c => c.Describe()));
    }
}
