using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// What MSBuild loads for PublishImage: the packed task assemblies are ReadyToRun-compiled (no JIT of them at every
/// build), and a publish loads only what the build uses, never the CLI's libraries; -v:d shows the image step's phases.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed partial class TaskAssemblyTests(TasksPackageFixture fixture)
{
    private static readonly string[] CliOnly = ["System.CommandLine", "Spectre.Console", "dotnet-image"];

    private static readonly string[] OwnAssemblies = ["ImageBuild.dll", "ImageBuild.Tasks.dll"];

    /// <summary>"RTR", the READYTORUN_HEADER signature.</summary>
    private const uint ReadyToRunSignature = 0x00525452;

    /// <summary>READYTORUN_FLAG_UNRELATED_R2R_CODE: the image holds code for methods defined in other modules.</summary>
    private const uint ReadyToRunUnrelatedCodeFlag = 0x80;

    [Fact]
    public void Packed_task_assemblies_are_all_ReadyToRun_and_none_is_the_clis()
    {
        using var package = ZipFile.OpenRead(Path.Combine(fixture.PackageDirectory, $"ImageBuild.Tasks.{fixture.Version}.nupkg"));
        var assemblies = package.Entries.Where(e => e.FullName.StartsWith("tasks/net10.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        Assert.Contains(assemblies, e => e.Name == "ImageBuild.Tasks.dll");
        Assert.Contains(assemblies, e => e.Name == "ImageBuild.dll");
        Assert.DoesNotContain(assemblies, e => CliOnly.Contains(Path.GetFileNameWithoutExtension(e.Name)));
        foreach (var entry in assemblies)
        {
            using var copy = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(copy);
            }

            copy.Position = 0;
            using var reader = new PEReader(copy);
            // A ReadyToRun image carries a managed native header next to its IL; an IL-only assembly has none.
            var nativeHeader = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory;
            Assert.True(nativeHeader.Size > 0, $"{entry.FullName} is not ReadyToRun-compiled");
            if (OwnAssemblies.Contains(entry.Name))
            {
                // Our code's framework generics (async state machine boxes, collections of our records) are compiled
                // into our images rather than left to the JIT: the header says the image holds code of other modules.
                var header = reader.GetSectionData(nativeHeader.RelativeVirtualAddress).GetReader();
                Assert.Equal(ReadyToRunSignature, header.ReadUInt32());
                header.Offset += 4;
                Assert.True((header.ReadUInt32() & ReadyToRunUnrelatedCodeFlag) != 0, $"{entry.FullName} holds no cross-module generic code");
            }
        }
    }

    [Fact]
    public async Task Publish_loads_the_task_and_library_but_no_archive_or_cli_assemblies()
    {
        using var project = PublishedProject.Create(
            fixture,
            "plain",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """,
            new Dictionary<string, string> { ["plain/Program.cs"] = "System.Console.WriteLine(\"plain\");\n" });

        var result = (await project.PublishDetailedAsync($"ContainerBaseImage={fixture.Runtime.BaseLocation}")).EnsureSuccess();

        var match = LoadedLine().Match(result.StandardOutput);
        Assert.True(match.Success, "the task logs its load context's assemblies at -v:d\n" + result.StandardOutput[^Math.Min(4000, result.StandardOutput.Length)..]);
        var loaded = match.Groups[1].Value.Trim().Split(", ");
        Assert.Contains("ImageBuild.Tasks", loaded);
        Assert.Contains("ImageBuild", loaded);
        // A store or registry build never opens a foreign archive: the decompressors are left unloaded.
        Assert.DoesNotContain("SharpCompress", loaded);
        Assert.DoesNotContain("ZstdSharp", loaded);
        Assert.Empty(loaded.Intersect(CliOnly));
        // -v:d also shows where the image step spent its time.
        Assert.Matches(@"PublishImage timings: load \d+ ms, plan \d+ ms, hash \d+ ms, tar\+compress \d+ ms, manifest \d+ ms, upload \d+ ms, total \d+ ms", result.StandardOutput);
        Assert.Matches(@"PublishImage JIT: \d+ methods compiled in \d+ ms during the task", result.StandardOutput);
    }

    [GeneratedRegex(@"ImageBuild\.Tasks: assemblies in load context '[^']*': (.*)$", RegexOptions.Multiline)]
    private static partial Regex LoadedLine();
}
