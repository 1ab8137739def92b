using System.Globalization;
using System.Text.Json;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Json;

/// <summary>
/// Go's json.Unmarshal into a value of a given <see cref="GoType"/>: object members matched to fields by json name
/// (exactly, else ignoring case), unknown members dropped, JSON null leaving zero values, and interface{} places
/// filled with map[string]interface{}, []interface{}, string, bool, nil and float64 or (with
/// <see cref="UseNumber"/>) json.Number. This is how docker's CLI turns the daemon's JSON into its structs.
/// </summary>
public sealed class GoJsonReader
{
    private static readonly GoType AnyMap = GoType.MapOf(GoType.String, GoType.EmptyInterface);
    private static readonly GoType AnySlice = GoType.SliceOf(GoType.EmptyInterface);

    /// <summary>Numbers in interface{} places become json.Number (Decoder.UseNumber), as docker's raw inspect data.</summary>
    public bool UseNumber { get; init; }

    public GoValue Read(JsonElement json, GoType type)
    {
        if (type.IsEmptyInterface)
        {
            return GoInterface.Any(ReadAny(json));
        }

        if (json.ValueKind == JsonValueKind.Null)
        {
            return GoValue.Zero(type);
        }

        if (ReferenceEquals(type, GoTime.TimeType))
        {
            return json.ValueKind == JsonValueKind.String && GoTime.TryParse(json.GetString()!, out var time) ? time : GoTime.ZeroValue;
        }

        return type.Kind switch
        {
            GoKind.Pointer => new GoPointer(type, Read(json, type.Elem!)),
            GoKind.Struct => ReadStruct(json, type),
            GoKind.Slice => json.ValueKind == JsonValueKind.Array
                ? new GoSlice(type, json.EnumerateArray().Select(item => Read(item, type.Elem!)).ToList())
                : GoValue.Zero(type),
            GoKind.Map => json.ValueKind == JsonValueKind.Object
                ? new GoMap(type, json.EnumerateObject()
                    .Select(member => new KeyValuePair<GoValue, GoValue>(new GoString(type.Key!, member.Name), Read(member.Value, type.Elem!)))
                    .ToList())
                : GoValue.Zero(type),
            GoKind.String when json.ValueKind == JsonValueKind.String => new GoString(type, json.GetString()!),
            GoKind.String when json.ValueKind == JsonValueKind.Number && ReferenceEquals(type, GoStandardTypes.JsonNumber) =>
                new GoString(type, json.GetRawText()),
            GoKind.Bool when json.ValueKind is JsonValueKind.True or JsonValueKind.False => new GoBool(type, json.GetBoolean()),
            _ when type.Kind.IsSignedInteger() && json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var integer) =>
                new GoInt(type, integer),
            _ when type.Kind.IsUnsignedInteger() && json.ValueKind == JsonValueKind.Number && json.TryGetUInt64(out var unsigned) =>
                new GoUint(type, unsigned),
            GoKind.Float32 or GoKind.Float64 when json.ValueKind == JsonValueKind.Number => new GoFloat(type, json.GetDouble()),
            _ => GoValue.Zero(type),
        };
    }

    private GoStruct ReadStruct(JsonElement json, GoType type)
    {
        var members = json.ValueKind == JsonValueKind.Object ? json.EnumerateObject().ToList() : [];
        var fields = new List<GoValue>(type.Fields.Count);
        foreach (var field in type.Fields)
        {
            if (field.Embedded && field.JsonName is null && field.Type.Kind == GoKind.Struct)
            {
                // Promoted fields are read from the same object.
                fields.Add(ReadStruct(json, field.Type));
                continue;
            }

            var member = field.JsonName == GoField.JsonSkip || !field.IsExported ? null : Find(members, field.JsonKey);
            fields.Add(member is { } found ? Read(found.Value, field.Type) : GoValue.Zero(field.Type));
        }

        return new GoStruct(type, fields);
    }

    private static JsonProperty? Find(List<JsonProperty> members, string key)
    {
        foreach (var member in members)
        {
            if (member.Name == key)
            {
                return member;
            }
        }

        foreach (var member in members)
        {
            if (string.Equals(member.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>What an interface{} holds after decoding <paramref name="json"/>: the map, slice, string, ... itself (null for JSON null).</summary>
    public GoValue? ReadAny(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => new GoMap(AnyMap, json.EnumerateObject()
            .Select(member => new KeyValuePair<GoValue, GoValue>(GoValue.Of(member.Name), GoInterface.Any(ReadAny(member.Value))))
            .ToList()),
        JsonValueKind.Array => new GoSlice(AnySlice, json.EnumerateArray().Select(item => (GoValue)GoInterface.Any(ReadAny(item))).ToList()),
        JsonValueKind.String => GoValue.Of(json.GetString()!),
        JsonValueKind.True => GoValue.Of(true),
        JsonValueKind.False => GoValue.Of(false),
        JsonValueKind.Number => UseNumber
            ? new GoString(GoStandardTypes.JsonNumber, json.GetRawText())
            : GoValue.Of(double.Parse(json.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => null,
    };
}
