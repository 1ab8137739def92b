using System.Text.Json;
using ImageBuild.Store.Queries;
using ImageBuild.Templates;
using ImageBuild.Templates.Json;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering.Docker;

/// <summary>
/// One image as <c>docker image inspect</c> shows it. The daemon's JSON is built the way the daemon builds it (the
/// image config decoded into its Go structs, then encoded), and templates see what docker's CLI sees: that JSON
/// decoded into the CLI's structs, and when a template fails on those, the same JSON as plain maps.
/// </summary>
internal sealed class InspectView
{
    private static readonly GoJsonReader Typed = new();
    private static readonly GoJsonReader Raw = new() { UseNumber = true };

    private InspectView(string json)
    {
        Json = json;
    }

    /// <summary>The daemon's compact JSON for the image.</summary>
    public string Json { get; }

    public static InspectView Create(ImageInspect inspect) =>
        new(GoJsonWriter.Marshal(ApiValue(inspect), escapeHtml: false)!);

    /// <summary>The JSON decoded into docker CLI's image.InspectResponse.</summary>
    public GoValue TypedValue()
    {
        using var document = JsonDocument.Parse(Json);
        return Typed.Read(document.RootElement, DockerCliTypes.InspectResponse);
    }

    /// <summary>The JSON decoded into map[string]interface{} with json.Number, docker's fallback data.</summary>
    public GoValue? RawValue()
    {
        using var document = JsonDocument.Parse(Json);
        return Raw.ReadAny(document.RootElement);
    }

    /// <summary>
    /// docker's TemplateInspector: the template over the CLI's structs, and if that fails, over the plain maps with
    /// missing keys an error; only a successful run's output is kept.
    /// </summary>
    /// <exception cref="TemplateExecutionException">Both runs failed; the message is the second run's.</exception>
    public string Render(GoTemplate template)
    {
        try
        {
            return template.Execute(TypedValue());
        }
        catch (TemplateExecutionException)
        {
            return template.Execute(RawValue(), MissingKey.Error);
        }
    }

    private static GoValue ApiValue(ImageInspect inspect)
    {
        using var config = JsonDocument.Parse(inspect.ConfigBytes);
        var root = config.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        GoValue Decode(string name, GoType type) => root.TryGetProperty(name, out var value) ? Typed.Read(value, type) : GoValue.Zero(type);

        var created = root.TryGetProperty("created", out var createdValue) && createdValue.ValueKind == JsonValueKind.String
            && GoTime.TryParse(createdValue.GetString()!, out var time)
            ? time
            : GoTime.ZeroValue;
        var os = Text("os");
        var layers = root.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var diffIds)
            ? Typed.Read(diffIds, GoType.StringSlice)
            : GoValue.Zero(GoType.StringSlice);
        var values = new Dictionary<string, GoValue>(StringComparer.Ordinal)
        {
            ["ID"] = GoValue.Of(inspect.Id.ToString()),
            ["RepoTags"] = GoValue.Of(inspect.RepoTags),
            ["RepoDigests"] = GoValue.Of(inspect.RepoDigests),
            ["Parent"] = GoValue.Of(Text("parent")),
            ["Comment"] = GoValue.Of(Text("comment")),
            ["Created"] = GoValue.Of(created.ToRfc3339Nano()),
            ["Container"] = GoValue.Of(Text("container")),
            ["ContainerConfig"] = GoPointer.To(Decode("container_config", DockerApiTypes.ContainerConfig)),
            ["DockerVersion"] = GoValue.Of(Text("docker_version")),
            ["Author"] = GoValue.Of(Text("author")),
            ["Config"] = Decode("config", GoType.PointerTo(DockerApiTypes.ContainerConfig)),
            ["Architecture"] = GoValue.Of(Text("architecture")),
            ["Variant"] = GoValue.Of(Text("variant")),
            ["Os"] = GoValue.Of(os.Length == 0 ? "linux" : os),
            ["OsVersion"] = GoValue.Of(Text("os.version")),
            ["Size"] = new GoInt(GoType.Int64, inspect.Size),
            ["VirtualSize"] = new GoInt(GoType.Int64, inspect.Size),
            ["GraphDriver"] = GoValue.Zero(DockerApiTypes.GraphDriverData),
            ["RootFS"] = Struct(DockerApiTypes.RootFs, new() { ["Type"] = GoValue.Of(rootfs.ValueKind == JsonValueKind.Object && rootfs.TryGetProperty("type", out var type) ? type.GetString() ?? string.Empty : string.Empty), ["Layers"] = layers }),
            ["Metadata"] = Struct(DockerApiTypes.Metadata, new() { ["LastTagTime"] = inspect.LastTagTime is { } tagged ? GoTime.From(tagged) : GoTime.ZeroValue }),
            ["Manifests"] = new GoSlice(GoType.SliceOf(DockerApiTypes.ManifestSummary), inspect.Manifests?.Select(Manifest).ToList()),
        };
        return Struct(DockerApiTypes.ImageInspect, values);
    }

    private static GoValue Manifest(ImageInspectManifest manifest)
    {
        var platform = manifest.Platform is { } p
            ? GoPointer.To(DockerApiTypes.PlatformValue(p))
            : GoValue.Zero(GoType.PointerTo(DockerApiTypes.Platform));

        return Struct(DockerApiTypes.ManifestSummary, new()
        {
            ["Digest"] = GoValue.Of(manifest.Digest),
            ["MediaType"] = GoValue.Of(manifest.MediaType),
            ["Size"] = new GoInt(GoType.Int64, manifest.Size),
            ["Platform"] = platform,
            ["Available"] = GoValue.Of(manifest.Available),
        });
    }

    /// <summary>A struct of <paramref name="type"/> with the given fields set and the rest zero.</summary>
    private static GoStruct Struct(GoType type, Dictionary<string, GoValue> values) =>
        new(type, type.Fields.Select(f => values.TryGetValue(f.Name, out var value) ? value : GoValue.Zero(f.Type)).ToList());
}
