using System.Globalization;
using System.Text;
using ImageBuild.Oci;
using ImageBuild.Registry.Remote;

using ImageBuild.Cli.Rendering.Docker;
using ImageBuild.Templates.Json;
using ImageBuild.Templates.Values;

namespace ImageBuild.Cli.Rendering;

/// <summary>The JSON <c>dotnet image manifest inspect</c> prints, shaped as docker's <c>manifest inspect</c> prints it.</summary>
internal static class ManifestInspectJson
{
    /// <summary>
    /// A manifest as the registry sent it: bytes that already span several lines are printed as they are (so they
    /// still hash to the digest), compact ones are indented with tabs as docker does.
    /// </summary>
    public static string Plain(byte[] bytes) =>
        bytes.AsSpan().Contains((byte)'\n') ? Encoding.UTF8.GetString(bytes).TrimEnd('\n') : GoJsonIndent.Indent(bytes);

    /// <summary>
    /// An index as docker prints it: not the registry's bytes but the list docker builds again from the entries
    /// (distribution's manifest list, indented with three spaces). Each entry keeps its media type, size, digest and
    /// platform, and loses its annotations and URLs. The list is an OCI index when its first entry is an OCI
    /// manifest, else a Docker manifest list, whatever the registry served.
    /// </summary>
    public static string PlainIndex(ImageIndex index)
    {
        var mediaType = index.Manifests.Count > 0 && index.Manifests[0].MediaType == MediaTypes.OciManifest ? MediaTypes.OciIndex : MediaTypes.DockerManifestList;
        var compact = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":").Append(Quote(mediaType)).Append(",\"manifests\":[")
            .AppendJoin(',', index.Manifests.Select(ListEntry))
            .Append("]}");
        return GoJsonIndent.Indent(Encoding.UTF8.GetBytes(compact.ToString()), "   ");
    }

    /// <summary>
    /// docker's <c>-v</c> form: per platform manifest an object with <c>Ref</c>, <c>Descriptor</c> (media type,
    /// digest, size, platform), <c>Raw</c> (the manifest bytes in base64) and the manifest itself under
    /// <c>SchemaV2Manifest</c> or <c>OCIManifest</c>; an index gives an array of them, a manifest one object.
    /// </summary>
    public static string Verbose(IReadOnlyList<InspectedManifest> manifests, bool isIndex)
    {
        var compact = new StringBuilder();
        if (isIndex)
        {
            compact.Append('[').AppendJoin(',', manifests.Select(Entry)).Append(']');
        }
        else
        {
            compact.Append(Entry(manifests.Single()));
        }

        return GoJsonIndent.Indent(Encoding.UTF8.GetBytes(compact.ToString()));
    }

    /// <summary>
    /// distribution's ManifestDescriptor as docker fills it: the descriptor's fields are omitted when empty, the
    /// platform never is (an entry without one gets empty architecture and os), and features are not copied.
    /// </summary>
    private static string ListEntry(Descriptor entry)
    {
        var fields = new List<string>();
        if (!string.IsNullOrEmpty(entry.MediaType))
        {
            fields.Add("\"mediaType\":" + Quote(entry.MediaType));
        }

        if (entry.Size != 0)
        {
            fields.Add("\"size\":" + entry.Size.ToString(CultureInfo.InvariantCulture));
        }

        fields.Add("\"digest\":" + Quote(entry.Digest.ToString()));
        var platform = entry.Platform;
        var platformFields = new List<string> { "\"architecture\":" + Quote(platform?.Architecture ?? string.Empty), "\"os\":" + Quote(platform?.Os ?? string.Empty) };
        if (!string.IsNullOrEmpty(platform?.OsVersion))
        {
            platformFields.Add("\"os.version\":" + Quote(platform.OsVersion));
        }

        if (platform?.OsFeatures is { Count: > 0 } osFeatures)
        {
            platformFields.Add("\"os.features\":[" + string.Join(',', osFeatures.Select(Quote)) + "]");
        }

        if (!string.IsNullOrEmpty(platform?.Variant))
        {
            platformFields.Add("\"variant\":" + Quote(platform.Variant));
        }

        fields.Add("\"platform\":{" + string.Join(',', platformFields) + "}");
        return "{" + string.Join(',', fields) + "}";
    }

    // Go's encoding/json escapes <, > and & in strings unless told otherwise; distribution does not tell it.
    private static string Quote(string value) => GoJsonWriter.Quote(value, escapeHtml: true);

    private static string Entry(InspectedManifest manifest)
    {
        var descriptor = new GoStruct(DockerApiTypes.Descriptor,
        [
            GoValue.Of(manifest.Descriptor.MediaType),
            GoValue.Of(manifest.Descriptor.Digest.ToString()),
            new GoInt(GoType.Int64, manifest.Descriptor.Size),
            manifest.Descriptor.Platform is { } platform ? GoPointer.To(DockerApiTypes.PlatformValue(platform)) : GoValue.Zero(GoType.PointerTo(DockerApiTypes.Platform)),
        ]);

        // The manifest goes in as sent; indenting afterwards changes only its whitespace.
        return new StringBuilder()
            .Append("{\"Ref\":").Append(GoJsonWriter.Quote(manifest.Reference.ToString(), escapeHtml: false))
            .Append(",\"Descriptor\":").Append(GoJsonWriter.Marshal(descriptor, escapeHtml: false))
            .Append(",\"Raw\":\"").Append(Convert.ToBase64String(manifest.Bytes)).Append('"')
            .Append(manifest.IsDocker ? ",\"SchemaV2Manifest\":" : ",\"OCIManifest\":").Append(Encoding.UTF8.GetString(manifest.Bytes))
            .Append('}')
            .ToString();
    }
}
