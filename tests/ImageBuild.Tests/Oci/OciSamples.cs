using System.Text;
using ImageBuild.Oci;

namespace ImageBuild.Tests.Oci;

/// <summary>Small, fully populated model values for tests, with digests of real content.</summary>
internal static class OciSamples
{
    public static Digest DigestOf(string content) => Digest.Compute(Encoding.UTF8.GetBytes(content));

    public static Descriptor Layer(string content) => new()
    {
        MediaType = MediaTypes.OciLayerGzip,
        Digest = DigestOf(content),
        Size = Encoding.UTF8.GetByteCount(content),
    };

    public static ImageConfig Config() => new()
    {
        Created = "2024-01-02T03:04:05Z",
        Architecture = "amd64",
        Os = "linux",
        Config = new ContainerConfig
        {
            User = "app",
            Env = ["PATH=/usr/local/bin:/usr/bin:/bin", "EMPTY="],
            Entrypoint = ["/app/run"],
            Cmd = ["--serve"],
            ExposedPorts = new Dictionary<string, EmptyObject> { ["8080/tcp"] = EmptyObject.Instance },
            Volumes = new Dictionary<string, EmptyObject> { ["/data"] = EmptyObject.Instance },
            WorkingDir = "/app",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "sample" },
            StopSignal = "SIGTERM",
        },
        RootFs = new RootFs { DiffIds = [DigestOf("base layer"), DigestOf("app layer")] },
        History =
        [
            new HistoryEntry { Created = "2024-01-01T00:00:00Z", CreatedBy = "base" },
            new HistoryEntry { Created = "2024-01-02T03:04:05Z", CreatedBy = "ENV PATH", EmptyLayer = true },
            new HistoryEntry { Created = "2024-01-02T03:04:05Z", CreatedBy = "COPY app /app", Comment = "app" },
        ],
    };

    public static ImageManifest Manifest() => new()
    {
        MediaType = MediaTypes.OciManifest,
        Config = JsonBlobs.Config(Config()).ToDescriptor(),
        Layers = [Layer("base layer"), Layer("app layer")],
        Annotations = new Dictionary<string, string> { [Annotations.Created] = "2024-01-02T03:04:05Z" },
    };

    public static ImageIndex Index()
    {
        var manifest = JsonBlobs.Manifest(Manifest()).ToDescriptor();
        return new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                manifest with { Platform = Platform.LinuxAmd64 },
                manifest with { Digest = DigestOf("arm manifest"), Platform = Platform.LinuxArm64 },
                manifest with
                {
                    Digest = DigestOf("windows manifest"),
                    Platform = new Platform { Os = "windows", Architecture = "amd64", OsVersion = "10.0.20348.2227", OsFeatures = ["win32k"] },
                },
            ],
        };
    }
}
