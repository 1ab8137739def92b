using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// PublishImage attaches an SPDX SBOM by default: a web app with a NuGet package, pushed to a registry without the
/// referrers API, has an SBOM that lists the package with its purl and NuGet's SHA-512, the project, the base and the
/// app's files with their hashes, validates against the SPDX 2.3 schema, and is found by <c>dotnet image referrers</c>
/// and <c>sbom</c> from a fresh store and by skopeo under the referrers tag.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class SbomPublishTests(TasksPackageFixture fixture)
{
    [Fact]
    public async Task Published_web_app_sbom_lists_its_packages_validates_and_is_found_through_the_registry()
    {
        await using var registry = await RegistryFixture.StartAsync();
        var baseStore = await DotnetAspNetImage.GetStoreAsync(fixture.Runtime, CancellationToken.None);
        using var project = CreateWeb();

        (await project.PublishAsync(
            $"ContainerBaseImage=oci:{baseStore}:{DotnetAspNetImage.BaseRefName}", $"ContainerRegistry={registry.Host}", "ContainerRepository=team/web", "ContainerImageTag=1.0")).EnsureSuccess();

        var image = $"{registry.Host}/team/web:1.0";
        var digest = File.ReadAllText(project.DigestFile).Trim();
        var cli = new CliRunner(Path.Combine(project.Root, "reader-store"));
        var sbomDigest = (await cli.RunAsync("referrers", image, "-q", "--artifact-type", "application/spdx+json")).EnsureSuccess().StandardOutput.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", sbomDigest);
        var json = (await cli.RunAsync("sbom", image)).EnsureSuccess().StandardOutput;
        await SpdxSchemaValidator.AssertValidAsync(json);

        var document = JsonNode.Parse(json)!;
        var packages = document["packages"]!.AsArray().Select(p => p!).ToList();
        var humanizer = Assert.Single(packages, p => p["name"]!.GetValue<string>() == "Humanizer.Core");
        Assert.Equal("2.14.1", humanizer["versionInfo"]!.GetValue<string>());
        Assert.Equal("pkg:nuget/Humanizer.Core@2.14.1", humanizer["externalRefs"]![0]!["referenceLocator"]!.GetValue<string>());
        Assert.Equal(await AssetsSha512Async(project, "Humanizer.Core/2.14.1"), Checksum(humanizer, "SHA512"));
        var web = Assert.Single(packages, p => p["SPDXID"]!.GetValue<string>() == "SPDXRef-Project");
        Assert.Equal(("web", "3.1.0"), (web["name"]!.GetValue<string>(), web["versionInfo"]!.GetValue<string>()));
        var image0 = Assert.Single(packages, p => p["SPDXID"]!.GetValue<string>() == "SPDXRef-Image");
        Assert.Equal(digest, image0["versionInfo"]!.GetValue<string>());
        var baseImage = Assert.Single(packages, p => p["SPDXID"]!.GetValue<string>() == "SPDXRef-BaseImage");
        Assert.Equal((await LayoutIndex.FindAsync(baseStore, DotnetAspNetImage.BaseRefName)).Digest.ToString(), baseImage["versionInfo"]!.GetValue<string>());

        var files = document["files"]!.AsArray().ToDictionary(f => f!["fileName"]!.GetValue<string>(), f => f!);
        foreach (var name in new[] { "web.dll", "Humanizer.dll" })
        {
            var published = await File.ReadAllBytesAsync(Directory.EnumerateFiles(Path.Combine(project.ProjectDirectory, "bin"), name, SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == "publish"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(published)), Checksum(files["./app/" + name], "SHA256"));
        }

        var raw = (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/team/web:{digest.Replace(':', '-')}"])).EnsureSuccess();
        using var fallback = JsonDocument.Parse(raw.StandardOutput);
        var entry = Assert.Single(fallback.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal(sbomDigest, entry.GetProperty("digest").GetString());
        Assert.Equal("application/spdx+json", entry.GetProperty("artifactType").GetString());
    }

    private static string Checksum(JsonNode element, string algorithm) =>
        element["checksums"]!.AsArray().Single(c => c!["algorithm"]!.GetValue<string>() == algorithm)!["checksumValue"]!.GetValue<string>();

    private static async Task<string> AssetsSha512Async(PublishedProject project, string library)
    {
        var assets = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(project.ProjectDirectory, "obj", "project.assets.json")))!;
        return Convert.ToHexStringLower(Convert.FromBase64String(assets["libraries"]![library]!["sha512"]!.GetValue<string>()));
    }

    private PublishedProject CreateWeb() => PublishedProject.Create(
        fixture,
        "web",
        """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ImplicitUsings>enable</ImplicitUsings>
            <Version>3.1.0</Version>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Humanizer.Core" Version="2.14.1" />
          </ItemGroup>
        </Project>
        """,
        new Dictionary<string, string>
        {
            ["web/Program.cs"] = """
                using Humanizer;
                var app = WebApplication.CreateSlimBuilder(args).Build();
                app.MapGet("/", () => "hello".Pluralize());
                app.Run();
                """,
        });
}
