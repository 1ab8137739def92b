using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering.Docker;

/// <summary>
/// The Go types docker CLI 28 decodes <c>image inspect</c>'s JSON into before running a --format template
/// (image.InspectResponse and what it holds), so field lookups, printing (<c>{[CMD-SHELL ...] 30s 5s 0s 0s 3}</c>,
/// <c>map[80/tcp:{}]</c>) and errors match docker's.
/// </summary>
internal static class DockerCliTypes
{
    private static readonly GoType StringSet = GoType.MapOf(GoType.String, GoType.EmptyStruct);
    private static readonly GoType StringMap = GoType.MapOf(GoType.String, GoType.String);

    /// <summary>v1.HealthcheckConfig of moby/docker-image-spec.</summary>
    public static GoType HealthcheckConfig { get; } = GoType.Struct("v1.HealthcheckConfig",
    [
        new("Test", GoType.StringSlice, OmitEmpty: true),
        new("Interval", GoStandardTypes.Duration, OmitEmpty: true),
        new("Timeout", GoStandardTypes.Duration, OmitEmpty: true),
        new("StartPeriod", GoStandardTypes.Duration, OmitEmpty: true),
        new("StartInterval", GoStandardTypes.Duration, OmitEmpty: true),
        new("Retries", GoType.Int, OmitEmpty: true),
    ]);

    /// <summary>The OCI image-spec's v1.ImageConfig.</summary>
    public static GoType ImageConfig { get; } = GoType.Struct("v1.ImageConfig",
    [
        new("User", GoType.String, OmitEmpty: true),
        new("ExposedPorts", StringSet, OmitEmpty: true),
        new("Env", GoType.StringSlice, OmitEmpty: true),
        new("Entrypoint", GoType.StringSlice, OmitEmpty: true),
        new("Cmd", GoType.StringSlice, OmitEmpty: true),
        new("Volumes", StringSet, OmitEmpty: true),
        new("WorkingDir", GoType.String, OmitEmpty: true),
        new("Labels", StringMap, OmitEmpty: true),
        new("StopSignal", GoType.String, OmitEmpty: true),
        new("ArgsEscaped", GoType.Bool, OmitEmpty: true),
    ]);

    public static GoType DockerOciImageConfigExt { get; } = GoType.Struct("v1.DockerOCIImageConfigExt",
    [
        new("Healthcheck", GoType.PointerTo(HealthcheckConfig), OmitEmpty: true),
        new("OnBuild", GoType.StringSlice, OmitEmpty: true),
        new("Shell", GoType.StringSlice, OmitEmpty: true),
    ]);

    /// <summary>v1.DockerOCIImageConfig: the OCI fields and docker's extensions, both embedded.</summary>
    public static GoType DockerOciImageConfig { get; } = GoType.Struct("v1.DockerOCIImageConfig",
    [
        new("ImageConfig", ImageConfig, Embedded: true),
        new("DockerOCIImageConfigExt", DockerOciImageConfigExt, Embedded: true),
    ]);

    /// <summary>container.Config of API 1.50 (ContainerConfig still decodes into it).</summary>
    public static GoType ContainerConfig { get; } = DockerApiTypes.ContainerConfigWith(HealthcheckConfig);

    public static GoType DriverData { get; } = GoType.Struct("storage.DriverData",
    [
        new("Data", StringMap, JsonName: "Data"),
        new("Name", GoType.String, JsonName: "Name"),
    ]);

    public static GoType RootFs { get; } = GoType.Struct("image.RootFS",
    [
        new("Type", GoType.String, OmitEmpty: true),
        new("Layers", GoType.StringSlice, OmitEmpty: true),
    ]);

    public static GoType Metadata { get; } = GoType.Struct("image.Metadata",
    [
        new("LastTagTime", GoTime.TimeType, OmitEmpty: true),
    ]);

    /// <summary>image.InspectResponse of docker CLI 28.</summary>
    public static GoType InspectResponse { get; } = GoType.Struct("image.InspectResponse",
    [
        new("ID", GoType.String, JsonName: "Id"),
        new("RepoTags", GoType.StringSlice),
        new("RepoDigests", GoType.StringSlice),
        new("Parent", GoType.String),
        new("Comment", GoType.String),
        new("Created", GoType.String, OmitEmpty: true),
        new("Container", GoType.String, OmitEmpty: true),
        new("ContainerConfig", GoType.PointerTo(ContainerConfig), OmitEmpty: true),
        new("DockerVersion", GoType.String),
        new("Author", GoType.String),
        new("Config", GoType.PointerTo(DockerOciImageConfig)),
        new("Architecture", GoType.String),
        new("Variant", GoType.String, OmitEmpty: true),
        new("Os", GoType.String),
        new("OsVersion", GoType.String, OmitEmpty: true),
        new("Size", GoType.Int64),
        new("VirtualSize", GoType.Int64, OmitEmpty: true),
        new("GraphDriver", DriverData),
        new("RootFS", RootFs),
        new("Metadata", Metadata),
        new("Descriptor", GoType.PointerTo(GoType.Struct("v1.Descriptor", [])), OmitEmpty: true),
        new("Manifests", GoType.SliceOf(DockerApiTypes.ManifestSummary), OmitEmpty: true),
    ]);
}
