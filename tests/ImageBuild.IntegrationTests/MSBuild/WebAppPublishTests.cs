using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// A minimal-API web project published on an aspnet-like base: it answers an HTTP request on its port inside the
/// container's own network namespace (one-shot mode), exposes the port the base's ASPNETCORE_HTTP_PORTS names, and
/// carries PublishContainer's generated labels from its package properties.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class WebAppPublishTests(TasksPackageFixture fixture)
{
    private const string Reference = "docker.io/library/web:latest";

    [Fact]
    public async Task Web_app_answers_inside_the_container_with_inferred_port_and_generated_labels()
    {
        var baseStore = await DotnetAspNetImage.GetStoreAsync(fixture.Runtime, CancellationToken.None);
        using var project = CreateWeb();

        (await project.PublishAsync($"ContainerBaseImage=oci:{baseStore}:{DotnetAspNetImage.BaseRefName}")).EnsureSuccess();

        var run = await RuncRunner.RunAsync(project.Store, Reference, ["dotnet", "/app/web.dll", "--once"], TimeSpan.FromMinutes(1));
        run.EnsureSuccess();
        Assert.Contains($"web answered on {DotnetAspNetImage.HttpPort}: hello from kestrel", run.StandardOutput);

        var config = (await ImageInspection.ConfigAsync($"oci:{project.Store}:{Reference}"))["config"]!;
        Assert.Equal([$"{DotnetAspNetImage.HttpPort}/tcp"], config["ExposedPorts"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["dotnet", "/app/web.dll"], config["Entrypoint"]!.AsArray().Select(n => n!.GetValue<string>()));
        var labels = config["Labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
        Assert.Equal("2.5.0", labels["org.opencontainers.image.version"]);
        Assert.Equal("Web Team", labels["org.opencontainers.image.authors"]);
        Assert.Equal("A web app", labels["org.opencontainers.image.description"]);
        Assert.Equal("The Web App", labels["org.opencontainers.image.title"]);
        Assert.Equal("https://example.com/web", labels["org.opencontainers.image.url"]);
        Assert.Equal("https://example.com/web.git", labels["org.opencontainers.image.source"]);
        Assert.Equal("0123abcd", labels["org.opencontainers.image.revision"]);
        Assert.Equal("custom-license", labels["org.opencontainers.image.licenses"]);
        Assert.Equal("1970-01-01T00:00:00Z", labels["org.opencontainers.image.created"]);
        Assert.False(labels.ContainsKey("org.opencontainers.image.base.name"), "a local layout base's host path must not become a label");
        var manifest = await ImageInspection.ManifestAsync($"oci:{project.Store}:{Reference}");
        var baseDigest = manifest["annotations"]!["org.opencontainers.image.base.digest"]!.GetValue<string>();
        Assert.Equal((await ImageBuild.IntegrationTests.Infrastructure.LayoutIndex.FindAsync(baseStore, DotnetAspNetImage.BaseRefName)).Digest.ToString(), baseDigest);
        Assert.Equal(baseDigest, labels["org.opencontainers.image.base.digest"]);
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
            <Version>2.5.0</Version>
            <Authors>Web Team</Authors>
            <Description>A web app</Description>
            <Title>The Web App</Title>
            <PackageProjectUrl>https://example.com/web</PackageProjectUrl>
            <RepositoryUrl>https://example.com/web.git</RepositoryUrl>
            <SourceRevisionId>0123abcd</SourceRevisionId>
            <PackageLicenseExpression>MIT</PackageLicenseExpression>
          </PropertyGroup>
          <ItemGroup>
            <ContainerLabel Include="org.opencontainers.image.licenses" Value="custom-license" />
          </ItemGroup>
        </Project>
        """,
        new Dictionary<string, string>
        {
            ["web/Program.cs"] = SampleWebProgram.SelfRequesting,
        });
}
