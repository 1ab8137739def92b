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
        var list = new GoStruct(DockerApiTypes.ManifestList,
        [
            new GoInt(GoType.Int, 2),
            GoValue.Of(mediaType),
            new GoSlice(GoType.SliceOf(DockerApiTypes.ManifestListEntry), index.Manifests.Select(ListEntry).ToList()),
        ]);

        // Go's encoding/json escapes <, > and & in strings unless told otherwise; distribution does not tell it.
        return GoJsonIndent.Indent(Encoding.UTF8.GetBytes(GoJsonWriter.Marshal(list, escapeHtml: true)!), "   ");
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

    /// <summary>An index entry as docker copies it into its list: an entry without a platform gets the zero one (empty architecture and os).</summary>
    private static GoValue ListEntry(Descriptor entry) => new GoStruct(DockerApiTypes.ManifestListEntry,
    [
        GoValue.Of(entry.MediaType),
        new GoInt(GoType.Int64, entry.Size),
        GoValue.Of(entry.Digest.ToString()),
        entry.Platform is { } platform ? DockerApiTypes.PlatformValue(platform) : GoValue.Zero(DockerApiTypes.Platform),
    ]);

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
