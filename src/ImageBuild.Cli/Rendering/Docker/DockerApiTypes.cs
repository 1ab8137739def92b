using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering.Docker;

/// <summary>
/// The Go types of the Docker Engine API 1.41 (docker 20.10) that <c>image inspect</c> returns, written down so the
/// store's images serialize exactly as the daemon's do: field order, json tags, omitempty, null for nil.
/// </summary>
internal static class DockerApiTypes
{
    private static readonly GoType StrSlice = GoType.Named("strslice.StrSlice", GoKind.Slice, GoType.String);
    private static readonly GoType StringSet = GoType.MapOf(GoType.String, GoType.EmptyStruct);
    private static readonly GoType StringMap = GoType.MapOf(GoType.String, GoType.String);

    /// <summary>container.HealthConfig.</summary>
    public static GoType HealthConfig { get; } = GoType.Struct("container.HealthConfig",
    [
        new("Test", GoType.StringSlice, OmitEmpty: true),
        new("Interval", GoStandardTypes.Duration, OmitEmpty: true),
        new("Timeout", GoStandardTypes.Duration, OmitEmpty: true),
        new("StartPeriod", GoStandardTypes.Duration, OmitEmpty: true),
        new("Retries", GoType.Int, OmitEmpty: true),
    ]);

    /// <summary>container.Config, the image's "config" (and "container_config") as the daemon reports it.</summary>
    public static GoType ContainerConfig { get; } = ContainerConfigWith(HealthConfig);

    /// <summary>container.Config's fields; the API versions differ only in the type of the health check.</summary>
    public static GoType ContainerConfigWith(GoType healthConfig) => GoType.Struct("container.Config",
    [
        new("Hostname", GoType.String),
        new("Domainname", GoType.String),
        new("User", GoType.String),
        new("AttachStdin", GoType.Bool),
        new("AttachStdout", GoType.Bool),
        new("AttachStderr", GoType.Bool),
        new("ExposedPorts", GoType.Named("nat.PortSet", GoKind.Map, GoType.EmptyStruct), OmitEmpty: true),
        new("Tty", GoType.Bool),
        new("OpenStdin", GoType.Bool),
        new("StdinOnce", GoType.Bool),
        new("Env", GoType.StringSlice),
        new("Cmd", StrSlice),
        new("Healthcheck", GoType.PointerTo(healthConfig), OmitEmpty: true),
        new("ArgsEscaped", GoType.Bool, OmitEmpty: true),
        new("Image", GoType.String),
        new("Volumes", StringSet),
        new("WorkingDir", GoType.String),
        new("Entrypoint", StrSlice),
        new("NetworkDisabled", GoType.Bool, OmitEmpty: true),
        new("MacAddress", GoType.String, OmitEmpty: true),
        new("OnBuild", GoType.StringSlice),
        new("Labels", StringMap),
        new("StopSignal", GoType.String, OmitEmpty: true),
        new("StopTimeout", GoType.PointerTo(GoType.Int), OmitEmpty: true),
        new("Shell", StrSlice, OmitEmpty: true),
    ]);

    public static GoType GraphDriverData { get; } = GoType.Struct("types.GraphDriverData",
    [
        new("Data", StringMap),
        new("Name", GoType.String),
    ]);

    public static GoType RootFs { get; } = GoType.Struct("types.RootFS",
    [
        new("Type", GoType.String),
        new("Layers", GoType.StringSlice, OmitEmpty: true),
        new("BaseLayer", GoType.String, OmitEmpty: true),
    ]);

    public static GoType Metadata { get; } = GoType.Struct("types.ImageMetadata",
    [
        new("LastTagTime", GoTime.TimeType, OmitEmpty: true),
    ]);

    /// <summary>The OCI v1.Platform.</summary>
    public static GoType Platform { get; } = GoType.Struct("v1.Platform",
    [
        new("Architecture", GoType.String, JsonName: "architecture"),
        new("OS", GoType.String, JsonName: "os"),
        new("OSVersion", GoType.String, JsonName: "os.version", OmitEmpty: true),
        new("OSFeatures", GoType.StringSlice, JsonName: "os.features", OmitEmpty: true),
        new("Variant", GoType.String, JsonName: "variant", OmitEmpty: true),
    ]);

    /// <summary>distribution's ManifestDescriptor with the fields docker fills: media type, size, digest and platform.</summary>
    public static GoType ManifestListEntry { get; } = GoType.Struct("manifestlist.ManifestDescriptor",
    [
        new("MediaType", GoType.String, JsonName: "mediaType", OmitEmpty: true),
        new("Size", GoType.Int64, JsonName: "size", OmitEmpty: true),
        new("Digest", GoType.String, JsonName: "digest", OmitEmpty: true),
        new("Platform", Platform, JsonName: "platform"),
    ]);

    /// <summary>
    /// distribution's manifest list, which docker's manifest inspect builds again from an index's entries. Its
    /// PlatformSpec has a features field too, which docker never fills, so the OCI platform marshals the same.
    /// </summary>
    public static GoType ManifestList { get; } = GoType.Struct("manifestlist.ManifestList",
    [
        new("SchemaVersion", GoType.Int, JsonName: "schemaVersion"),
        new("MediaType", GoType.String, JsonName: "mediaType", OmitEmpty: true),
        new("Manifests", GoType.SliceOf(ManifestListEntry), JsonName: "manifests"),
    ]);

    /// <summary>The OCI v1.Descriptor as manifest inspect -v prints it.</summary>
    public static GoType Descriptor { get; } = GoType.Struct("v1.Descriptor",
    [
        new("MediaType", GoType.String, JsonName: "mediaType"),
        new("Digest", GoType.String, JsonName: "digest"),
        new("Size", GoType.Int64, JsonName: "size"),
        new("Platform", GoType.PointerTo(Platform), JsonName: "platform", OmitEmpty: true),
    ]);

    public static GoValue PlatformValue(ImageBuild.Oci.Platform platform) => new GoStruct(Platform,
    [
        GoValue.Of(platform.Architecture),
        GoValue.Of(platform.Os),
        GoValue.Of(platform.OsVersion ?? string.Empty),
        GoValue.Of(platform.OsFeatures),
        GoValue.Of(platform.Variant ?? string.Empty),
    ]);

    /// <summary>One manifest of a stored index: not in the 1.41 API, added after its fields for multi-platform images.</summary>
    public static GoType ManifestSummary { get; } = GoType.Struct("image.ManifestSummary",
    [
        new("Digest", GoType.String),
        new("MediaType", GoType.String),
        new("Size", GoType.Int64),
        new("Platform", GoType.PointerTo(Platform)),
        new("Available", GoType.Bool),
    ]);

    /// <summary>types.ImageInspect.</summary>
    public static GoType ImageInspect { get; } = GoType.Struct("types.ImageInspect",
    [
        new("ID", GoType.String, JsonName: "Id"),
        new("RepoTags", GoType.StringSlice),
        new("RepoDigests", GoType.StringSlice),
        new("Parent", GoType.String),
        new("Comment", GoType.String),
        new("Created", GoType.String),
        new("Container", GoType.String),
        new("ContainerConfig", GoType.PointerTo(ContainerConfig)),
        new("DockerVersion", GoType.String),
        new("Author", GoType.String),
        new("Config", GoType.PointerTo(ContainerConfig)),
        new("Architecture", GoType.String),
        new("Variant", GoType.String, OmitEmpty: true),
        new("Os", GoType.String),
        new("OsVersion", GoType.String, OmitEmpty: true),
        new("Size", GoType.Int64),
        new("VirtualSize", GoType.Int64),
        new("GraphDriver", GraphDriverData),
        new("RootFS", RootFs),
        new("Metadata", Metadata),
        new("Manifests", GoType.SliceOf(ManifestSummary), OmitEmpty: true),
    ]);
}
