using ImageBuild.Publishing;
using Microsoft.Build.Framework;

namespace ImageBuild.Tasks;

/// <summary>Turns ResolvedFileToPublish items into <see cref="PublishFile"/>s, with the sha512 of the package each came from.</summary>
internal sealed class PublishFileReader
{
    private readonly NuGetPackageHashes hashes = new();

    public PublishFile Read(ITaskItem item)
    {
        var packageId = item.GetMetadata("NuGetPackageId");
        var packageVersion = item.GetMetadata("NuGetPackageVersion");
        var runtimePack = !string.IsNullOrEmpty(item.GetMetadata("FrameworkName"))
            || packageId.Contains(".App.Runtime.", StringComparison.OrdinalIgnoreCase)
            || packageId.Contains("Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase);
        var projectReference = item.GetMetadata("ReferenceSourceTarget") == "ProjectReference" || !string.IsNullOrEmpty(item.GetMetadata("MSBuildSourceProjectFile"));
        // The item itself is the file in the package folder; its copy in the publish folder is what the layer holds.
        var hash = packageId.Length > 0 && packageVersion.Length > 0 ? hashes.Find(packageId, packageVersion, item.ItemSpec) : null;
        return new PublishFile(
            item.GetMetadata("PublishPath") is { Length: > 0 } published ? published : item.GetMetadata("FullPath"),
            item.GetMetadata("RelativePath").Replace('\\', '/'),
            string.IsNullOrEmpty(packageId) ? null : packageId,
            runtimePack,
            projectReference,
            item.GetMetadata("ContainerRuntimeIdentifier"),
            string.IsNullOrEmpty(packageVersion) ? null : packageVersion,
            hash);
    }
}
