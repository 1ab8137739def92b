namespace ImageBuild.Layers;

/// <summary>
/// What the extractor may do beyond files, directories, links and fifos. Both default to off, even for root:
/// an image is untrusted input, and a device node or a root-owned setuid file it leaves in a directory on the
/// host is a door into the host. Turn them on to make a root filesystem a container runtime will use as is.
/// </summary>
public sealed record LayerExtractorOptions
{
    /// <summary>
    /// Set owners from the layer (lchown) and keep set-user/group-ID bits. Off: files belong to the extracting
    /// user and set-ID bits are dropped. Only root can give files to others; a refusal does not fail the extraction.
    /// </summary>
    public bool PreserveOwnership { get; init; }

    /// <summary>Create character and block devices (needs CAP_MKNOD); otherwise they are skipped without failing.</summary>
    public bool CreateDevices { get; init; }
}
