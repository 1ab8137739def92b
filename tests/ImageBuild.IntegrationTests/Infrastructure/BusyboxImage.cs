using ImageBuild.Oci;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// An OCI layout holding one image made by umoci alone, not by ImageBuild, so it is an independent input:
/// its only layer is the <see cref="BusyboxRootfs"/>.
/// </summary>
public static class BusyboxImage
{
    /// <summary>Creates the layout at <paramref name="layout"/> with the image tagged <paramref name="tag"/> and returns its manifest descriptor.</summary>
    public static async Task<Descriptor> CreateLayoutAsync(string layout, string tag, CancellationToken cancellationToken = default)
    {
        var rootfs = await BusyboxRootfs.GetAsync(cancellationToken);
        var umoci = Tools.Umoci.Path;
        (await ProcessRunner.RunAsync(umoci, ["init", "--layout", layout], cancellationToken: cancellationToken)).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["new", "--image", $"{layout}:{tag}"], cancellationToken: cancellationToken)).EnsureSuccess();
        (await ProcessRunner.RunAsync(umoci, ["insert", "--image", $"{layout}:{tag}", rootfs, "/"], cancellationToken: cancellationToken)).EnsureSuccess();
        return await LayoutIndex.FindAsync(layout, tag, cancellationToken);
    }
}
