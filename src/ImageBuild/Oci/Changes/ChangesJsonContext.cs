using System.Text.Json.Serialization;

namespace ImageBuild.Oci.Changes;

/// <summary>The JSON forms of instructions: exec-form arguments of ENTRYPOINT and CMD.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ChangesJsonContext : JsonSerializerContext
{
}
